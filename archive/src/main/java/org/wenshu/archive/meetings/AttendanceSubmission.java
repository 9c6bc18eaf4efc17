package org.wenshu.archive.meetings;

import java.util.List;
import java.util.Optional;

/**
 * An invited unit's attendance reply (参会回执) as submitted, before it is checked.
 *
 * @param noticeId    the record id of the meeting notice (联席会议通知)
 * @param unitId      the replying unit's id
 * @param decision    attend or leave
 * @param attendees   who attends (at least one when attending, none when on leave; at most 10)
 * @param leaveReason why the unit asks for leave (required for {@link Decision#LEAVE}, up to 500 characters)
 * @param correction  {@code true} to replace the unit's earlier reply (更正回执); a first reply must not claim to be one
 * @param actor       who submits it (the account's display name), for the audit trail
 */
public record AttendanceSubmission(String noticeId, String unitId, Decision decision, List<Attendee> attendees,
                                   Optional<String> leaveReason, boolean correction, String actor) {

    public AttendanceSubmission {
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
        leaveReason = leaveReason == null ? Optional.empty() : leaveReason;
    }
}
