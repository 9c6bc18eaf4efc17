package org.wenshu.archive.meetings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.wenshu.archive.Unit;

/**
 * 参会回执: the reply of one invited unit to a meeting notice, as it stands now.
 *
 * @param revision       1 for the first reply, +1 for each correction (earlier versions stay in the audit trail)
 * @param firstRepliedAt when the unit first replied; {@code repliedAt} is the latest version's time
 */
public record AttendanceReply(String noticeId, Unit unit, Decision decision, List<Attendee> attendees,
                              Optional<String> leaveReason, int revision, String repliedBy, Instant firstRepliedAt,
                              Instant repliedAt) {

    public AttendanceReply {
        attendees = List.copyOf(attendees);
    }
}
