package org.wenshu.app.meetings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssuingFailed;
import org.wenshu.archive.IssuingInProgress;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.Unit;
import org.wenshu.archive.meetings.AttendanceReply;
import org.wenshu.archive.meetings.Attendee;
import org.wenshu.archive.meetings.Decision;
import org.wenshu.archive.meetings.Meetings;
import org.wenshu.archive.meetings.ReplyInvalid;
import org.wenshu.generator.UncoveredCharacters;
import org.wenshu.templates.FieldInvalid;
import org.wenshu.templates.FieldsInvalid;

/**
 * 联席会议 pages: the list of meeting notices; a meeting's page with the invited unit's attendance form (参会回执,
 * correctable before the meeting date) or the convening unit's attendance table (参会回执汇总) and its minutes; the
 * minutes form (会议纪要) prefilled from the notice and the replies, with resolution rows added and removed by htmx.
 * Every problem is shown beside its field.
 */
@Controller
@RequestMapping("/meetings")
public class MeetingsController implements PageController {


    private final JointMeetings meetings;
    private final Archive archive;

    public MeetingsController(JointMeetings meetings, Archive archive) {
        this.meetings = meetings;
        this.archive = archive;
    }

    /** One meeting in the list. */
    public record MeetingRow(String id, String number, String title, String meetingDate, String place, String status) {
    }

    @GetMapping
    public String list(@AuthenticationPrincipal WenshuUser user, Model model) {
        RecordQuery.Page page = meetings.notices(user, 0, 200);
        List<MeetingRow> rows = new ArrayList<>();
        for (InstrumentRecord notice : page.items()) {
            String status;
            if (meetings.convenes(user, notice)) {
                var table = meetings.attendance(user, notice.id());
                status = "已回执 " + table.replied() + " / " + table.rows().size();
            } else if (meetings.replies(user, notice)) {
                status = meetings.ownReply(user, notice.id()).map(r -> "已回执：" + r.decision().label()).orElse("未回执");
            } else {
                status = "—";
            }
            rows.add(new MeetingRow(notice.id(), notice.number().text(), notice.title(),
                    Meetings.meetingDate(notice).toString(), String.valueOf(notice.fields().getOrDefault("place", "")),
                    status));
        }
        model.addAttribute("rows", rows);
        return "meetings/list";
    }

    @GetMapping("/{id}")
    public String show(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                       @RequestParam Optional<String> done, Model model) {
        done.ifPresent(action -> model.addAttribute("notice", switch (action) {
            case "reply" -> "参会回执已提交。";
            case "correct" -> "参会回执已更正。";
            case "minutes" -> "会议纪要已发文（编号、盖章、归档），议定事项已转为督办事项。";
            case "tracked" -> "议定事项已转为督办事项。";
            default -> "已保存。";
        }));
        return page(user, id, Map.of(), null, model);
    }

    /** Files or corrects the unit's reply; the form comes back with each problem beside its field (HTTP 422). */
    @PostMapping("/{id}/attendance")
    public String reply(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                        @RequestParam(defaultValue = "") String decision,
                        @RequestParam(name = "name", required = false) List<String> names,
                        @RequestParam(name = "position", required = false) List<String> positions,
                        @RequestParam(defaultValue = "") String leaveReason,
                        @RequestParam(defaultValue = "false") boolean correction,
                        Model model, HttpServletResponse response) {
        List<Attendee> attendees = attendees(names, positions);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Decision> chosen = Decision.parse(decision);
        ReplyForm form = new ReplyForm(decision, attendees.isEmpty() ? List.of(new Attendee("", "")) : attendees,
                leaveReason, correction);
        try {
            meetings.reply(user, id, chosen.orElse(null), attendees, Optional.of(leaveReason), correction);
            return "redirect:/meetings/" + id + "?done=" + (correction ? "correct" : "reply");
        } catch (ReplyInvalid invalid) {
            invalid.problems().forEach(p -> errors.merge(p.field().replaceAll("\\[\\d+]\\..*", ""), p.message(),
                    (a, b) -> a + "；" + b));
        } catch (ArchiveRefusal refused) {
            errors.put("reply", refused.getMessage());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(user, id, errors, form, model);
    }

    /** One empty attendee row (htmx: added to the form's rows). */
    @GetMapping("/{id}/attendance/row")
    public String attendeeRow(Model model) {
        model.addAttribute("person", new Attendee("", ""));
        return "meetings/rows :: attendee";
    }

    /** One empty resolution row (htmx: added to the minutes form's rows). */
    @GetMapping("/{id}/minutes/row")
    public String resolutionRow(Model model) {
        model.addAttribute("r", ResolutionRow.empty());
        model.addAttribute("units", unitNames());
        return "meetings/rows :: resolution";
    }

    /** Nothing: the target of a row's remove button, whose row htmx replaces with this empty answer. */
    @GetMapping("/row-removed")
    @ResponseBody
    public String rowRemoved() {
        return "";
    }

    /** Hands the resolutions on as tracked items again, after a hand-off that failed when the minutes were issued. */
    @PostMapping("/{id}/minutes/tracking")
    public String track(@AuthenticationPrincipal WenshuUser user, @PathVariable String id) {
        meetings.trackResolutions(user, id);
        return "redirect:/meetings/" + id + "?done=tracked";
    }

    @GetMapping("/{id}/minutes")
    public String minutesForm(@AuthenticationPrincipal WenshuUser user, @PathVariable String id, Model model) {
        InstrumentRecord notice = meetings.notice(user, id);
        Optional<InstrumentRecord> recorded = meetings.minutes(user, id);
        if (recorded.isPresent()) {
            return "redirect:/meetings/" + notice.id();
        }
        Map<String, Object> draft = meetings.draft(user, id);
        return minutesPage(notice, MinutesForm.of(draft, List.of(ResolutionRow.empty(), ResolutionRow.empty())),
                List.of(), List.of(), model);
    }

    @PostMapping("/{id}/minutes")
    public String recordMinutes(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                                @RequestParam MultiValueMap<String, String> posted, Model model,
                                HttpServletResponse response) {
        InstrumentRecord notice = meetings.notice(user, id);
        MinutesForm form = MinutesForm.posted(posted);
        List<FieldInvalid> problems = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        try {
            meetings.recordMinutes(user, id, form.values(notice.issuingUnit().name()));
            return "redirect:/meetings/" + notice.id() + "?done=minutes";
        } catch (FieldsInvalid invalid) {
            problems.addAll(invalid.problems());
        } catch (UncoveredCharacters uncovered) {
            uncovered.fields().forEach(field -> problems.add(new FieldInvalid(field.field(), field.label(),
                    "含有字体无法显示的字符")));
        } catch (ArchiveRefusal | IssuingFailed | IssuingInProgress | org.wenshu.app.signing.UnitSealMissing refused) {
            messages.add(refused.getMessage());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return minutesPage(notice, form, problems, messages, model);
    }

    private String minutesPage(InstrumentRecord notice, MinutesForm form, List<FieldInvalid> problems,
                               List<String> messages, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.forEach(p -> errors.merge(p.field(), p.reason(), (a, b) -> a + "；" + b));
        model.addAttribute("meeting", notice);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("messages", messages);
        model.addAttribute("problemCount", problems.size());
        model.addAttribute("units", unitNames());
        return "meetings/minutes";
    }

    private List<String> unitNames() {
        return archive.units().stream().map(Unit::name).toList();
    }

    /** The attendance form as shown again after a refusal, or as the unit's current reply. */
    public record ReplyForm(String decision, List<Attendee> attendees, String leaveReason, boolean correction) {

        static ReplyForm of(Optional<AttendanceReply> reply) {
            return reply.map(r -> new ReplyForm(r.decision().name(), r.attendees().isEmpty()
                    ? List.of(new Attendee("", "")) : r.attendees(), r.leaveReason().orElse(""), true))
                    .orElse(new ReplyForm(Decision.ATTEND.name(), List.of(new Attendee("", "")), "", false));
        }
    }

    private static List<Attendee> attendees(List<String> names, List<String> positions) {
        List<String> n = names == null ? List.of() : names;
        List<String> p = positions == null ? List.of() : positions;
        List<Attendee> attendees = new ArrayList<>();
        for (int i = 0; i < Math.max(n.size(), p.size()); i++) {
            String name = i < n.size() ? n.get(i).strip() : "";
            String position = i < p.size() ? p.get(i).strip() : "";
            if (!name.isEmpty() || !position.isEmpty()) { // a row left blank is no attendee
                attendees.add(new Attendee(name, position));
            }
        }
        return attendees;
    }

    private String page(WenshuUser user, String id, Map<String, String> errors, ReplyForm form, Model model) {
        InstrumentRecord notice = meetings.notice(user, id);
        boolean convenes = meetings.convenes(user, notice);
        boolean replies = meetings.replies(user, notice);
        if (!convenes && !replies) {
            throw new AccessRefused("只有召集会议的单位和受邀单位可以打开此会议");
        }
        LocalDate meetingDate = Meetings.meetingDate(notice);
        model.addAttribute("meeting", notice);
        model.addAttribute("meetingDate", meetingDate);
        model.addAttribute("place", notice.fields().getOrDefault("place", ""));
        model.addAttribute("open", meetings.today().isBefore(meetingDate));
        model.addAttribute("convenes", convenes);
        model.addAttribute("replies", replies);
        model.addAttribute("errors", errors);
        model.addAttribute("noticeLink", convenes ? "/instruments/" + notice.id() : "/inbox/" + notice.id());
        if (replies) {
            Optional<AttendanceReply> own = meetings.ownReply(user, notice.id());
            model.addAttribute("own", own.orElse(null));
            model.addAttribute("form", form != null ? form : ReplyForm.of(own));
        }
        if (convenes) {
            model.addAttribute("table", meetings.attendance(user, notice.id()));
            Optional<InstrumentRecord> minutes = meetings.minutes(user, notice.id());
            model.addAttribute("minutes", minutes.orElse(null));
            model.addAttribute("resolutions", minutes.map(meetings::resolutions).orElse(List.of()));
            model.addAttribute("tracked", minutes.map(meetings::tracked).orElse(List.of()));
        }
        return "meetings/meeting";
    }
}
