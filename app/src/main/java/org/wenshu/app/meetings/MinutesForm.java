package org.wenshu.app.meetings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

/**
 * The minutes form (会议纪要): the values shown and posted, and the JSON-shaped field values they become for the
 * validator. Parameters: {@code title}, {@code recipients} and {@code copiesTo} (checkboxes), {@code meetingDate},
 * {@code place}, {@code chair}, {@code attendees} and {@code absentees} (one per line), {@code summary},
 * {@code contact}, {@code date}, and per resolution row {@code r.title}, {@code r.lead}, {@code r.co},
 * {@code r.deadline} (every row posts all four, so the n-th of each belong together).
 */
public record MinutesForm(Map<String, String> text, List<String> recipients, List<String> copiesTo,
                          List<ResolutionRow> rows) {

    private static final List<String> TEXT_FIELDS = List.of("title", "meetingDate", "place", "chair", "attendees",
            "absentees", "summary", "contact", "date");

    /** The form filled from a draft (see {@link JointMeetings#draft}). */
    @SuppressWarnings("unchecked")
    static MinutesForm of(Map<String, Object> draft, List<ResolutionRow> rows) {
        Map<String, String> text = new LinkedHashMap<>();
        for (String field : TEXT_FIELDS) {
            Object value = draft.get(field);
            text.put(field, value instanceof List<?> list ? String.join("\n", (List<String>) list)
                    : value == null ? "" : value.toString());
        }
        return new MinutesForm(text, (List<String>) draft.getOrDefault("recipients", List.of()),
                (List<String>) draft.getOrDefault("copiesTo", List.of()), rows);
    }

    /** The form as posted. */
    static MinutesForm posted(MultiValueMap<String, String> form) {
        Map<String, String> text = new LinkedHashMap<>();
        for (String field : TEXT_FIELDS) {
            String value = form.getFirst(field);
            text.put(field, value == null ? "" : value.replace("\r\n", "\n").strip());
        }
        List<String> titles = form.getOrDefault("r.title", List.of());
        List<String> leads = form.getOrDefault("r.lead", List.of());
        List<String> cos = form.getOrDefault("r.co", List.of());
        List<String> deadlines = form.getOrDefault("r.deadline", List.of());
        List<ResolutionRow> rows = new ArrayList<>();
        int count = Math.max(Math.max(titles.size(), leads.size()), Math.max(cos.size(), deadlines.size()));
        for (int i = 0; i < count; i++) {
            ResolutionRow row = new ResolutionRow(at(titles, i), at(leads, i), at(cos, i), at(deadlines, i));
            if (!row.blank()) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            rows.add(ResolutionRow.empty());
        }
        return new MinutesForm(text, chosen(form, "recipients"), chosen(form, "copiesTo"), rows);
    }

    private static String at(List<String> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i).strip() : "";
    }

    private static List<String> chosen(MultiValueMap<String, String> form, String name) {
        return form.getOrDefault(name, List.of()).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /**
     * The field values for {@code meeting-minutes}, as {@code wenshu issue --data} reads them; empty inputs are left
     * out so that the validator names a required field as missing.
     */
    Map<String, Object> values(String issuingUnit) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("issuingUnit", issuingUnit);
        text.forEach((field, value) -> {
            if (value.isBlank()) {
                return;
            }
            if (field.equals("attendees") || field.equals("absentees")) {
                values.put(field, value.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
            } else {
                values.put(field, value);
            }
        });
        if (!recipients.isEmpty()) {
            values.put("recipients", recipients);
        }
        if (!copiesTo.isEmpty()) {
            values.put("copiesTo", copiesTo);
        }
        List<Map<String, Object>> resolutions = new ArrayList<>();
        for (ResolutionRow row : rows) {
            if (row.blank()) {
                continue;
            }
            Map<String, Object> resolution = new LinkedHashMap<>();
            resolution.put("title", row.title());
            resolution.put("leadUnit", row.leadUnit());
            resolution.put("coUnits", Arrays.stream(UNITS.split(row.coUnits())).map(String::strip)
                    .filter(u -> !u.isEmpty()).toList());
            resolution.put("deadline", row.deadline());
            resolutions.add(resolution);
        }
        if (!resolutions.isEmpty()) {
            values.put("resolutions", resolutions);
        }
        return values;
    }

    private static final Pattern UNITS = Pattern.compile("[、，,;；\\s]+");
}
