package org.wenshu.app.meetings;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.api.ResourceNotFound;
import org.wenshu.app.instruments.RecordJson;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.meetings.AttendanceReply;
import org.wenshu.archive.meetings.Attendee;
import org.wenshu.archive.meetings.Decision;

/**
 * {@code /api/v1/meetings/{noticeId}/…}: the JSON twin of the meeting pages over {@link JointMeetings} — an invited
 * unit's attendance reply (POST once; PUT to correct it before the meeting date), the convening unit's attendance
 * table, and the minutes with their resolutions.
 */
@RestController
@RequestMapping("/api/v1/meetings")
@Tag(name = "联席会议", description = "参会回执、回执汇总、会议纪要与议定事项")
public class MeetingsApiController {

    private final JointMeetings meetings;

    public MeetingsApiController(JointMeetings meetings) {
        this.meetings = meetings;
    }

    /**
     * An attendance reply: {@code decision} ATTEND / 参会 or LEAVE / 请假; {@code attendees} (name, position) when
     * attending; {@code leaveReason} when on leave.
     */
    public record ReplyBody(String decision, List<Attendee> attendees, String leaveReason) {
    }

    /** The minutes' field values as {@code wenshu issue --data} takes them, without {@code noticeNumber}. */
    public record MinutesBody(@NotNull(message = "缺少字段值 fields") Map<String, Object> fields) {
    }

    @PostMapping("/{noticeId}/attendance")
    @ApiResponse(responseCode = "201", description = "回执已提交")
    @Operation(summary = "提交参会回执", description = "受邀单位（主送、抄送）每单位一次；已回执再提交为 409 reply-exists，"
            + "更正请用 PUT。会议当日及之后不再接受。")
    public ResponseEntity<Map<String, Object>> reply(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                                     @PathVariable String noticeId, @RequestBody ReplyBody body) {
        AttendanceReply reply = submit(user, noticeId, body, false);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/meetings/" + noticeId + "/attendance/mine")).body(MeetingJson.reply(reply));
    }

    @PutMapping("/{noticeId}/attendance")
    @Operation(summary = "更正参会回执", description = "以新回执替换本单位的回执（会议日期前）；旧版本保留在审计链中。")
    public Map<String, Object> correct(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                       @PathVariable String noticeId, @RequestBody ReplyBody body) {
        return MeetingJson.reply(submit(user, noticeId, body, true));
    }

    private AttendanceReply submit(WenshuUser user, String noticeId, ReplyBody body, boolean correction) {
        if (body == null) {
            throw new InputInvalid("decision", "缺少回执内容");
        }
        Decision decision = body.decision() == null || body.decision().isBlank() ? null
                : Decision.parse(body.decision()).orElseThrow(() -> new InputInvalid("decision",
                "参会情况「" + body.decision() + "」无效：须为 ATTEND（参会）或 LEAVE（请假）"));
        List<Attendee> attendees = body.attendees() == null ? List.of() : new ArrayList<>(body.attendees());
        return meetings.reply(user, noticeId, decision, attendees, Optional.ofNullable(body.leaveReason()), correction);
    }

    @GetMapping("/{noticeId}/attendance/mine")
    @Operation(summary = "本单位的参会回执", description = "未回执时 404。")
    public Map<String, Object> mine(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                    @PathVariable String noticeId) {
        return meetings.ownReply(user, noticeId).map(MeetingJson::reply)
                .orElseThrow(() -> new ResourceNotFound("本单位尚未提交参会回执"));
    }

    @GetMapping("/{noticeId}/attendance")
    @Operation(summary = "参会回执汇总", description = "召集单位查看：谁已回执、谁参会、谁请假、谁未回执。")
    public Map<String, Object> attendance(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                          @PathVariable String noticeId) {
        return MeetingJson.table(meetings.attendance(user, noticeId));
    }

    @PostMapping("/{noticeId}/minutes")
    @ApiResponse(responseCode = "201", description = "会议纪要已发文并关联会议通知，议定事项已转为督办事项")
    @Operation(summary = "录入会议纪要", description = "按会议纪要（meeting-minutes）的字段发文；会议通知文号自动填入。"
            + "每份会议通知只有一份纪要。")
    public ResponseEntity<Map<String, Object>> recordMinutes(
            @AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user, @PathVariable String noticeId,
            @Valid @RequestBody MinutesBody body) {
        InstrumentRecord minutes = meetings.recordMinutes(user, noticeId, body.fields());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/meetings/" + noticeId + "/minutes"))
                .body(minutesJson(minutes));
    }

    @GetMapping("/{noticeId}/minutes")
    @Operation(summary = "会议纪要", description = "会议纪要的文书记录及其议定事项；尚未录入时 404。")
    public Map<String, Object> minutes(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                       @PathVariable String noticeId) {
        return meetings.minutes(user, noticeId).map(this::minutesJson)
                .orElseThrow(() -> new ResourceNotFound("此会议尚未录入会议纪要"));
    }

    private Map<String, Object> minutesJson(InstrumentRecord minutes) {
        Map<String, Object> json = new LinkedHashMap<>(RecordJson.record(minutes, meetings.today()));
        json.put("resolutions", MeetingJson.resolutions(meetings.resolutions(minutes)));
        json.put("trackedItems", meetings.tracked(minutes).stream().map(MeetingJson::tracked).toList());
        return json;
    }
}
