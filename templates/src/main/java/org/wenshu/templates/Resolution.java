package org.wenshu.templates;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * 议定事项: one thing a joint meeting decided, as printed in its minutes (会议纪要) and followed up as a tracked item.
 * In JSON an object {@code {"title", "leadUnit", "coUnits": [...], "deadline": "2024-06-30"}}.
 *
 * @param title    what is to be done, one line without a closing 。 (up to 100 characters)
 * @param leadUnit the responsible lead unit (牵头单位) by its name
 * @param coUnits  the co-operating units (配合单位), possibly none, never the lead unit again
 * @param deadline the day by which it is to be done (完成时限)
 */
public record Resolution(String title, String leadUnit, List<String> coUnits, LocalDate deadline) {

    public Resolution {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(leadUnit, "leadUnit");
        Objects.requireNonNull(deadline, "deadline");
        coUnits = List.copyOf(coUnits);
    }

    /**
     * The text the minutes print for it after its ordinal, e.g.
     * {@code 制定线索移送工作规程。牵头单位：市检察院；配合单位：市司法局、市公安局；完成时限：2024年6月30日前。}
     */
    public String printed() {
        StringBuilder text = new StringBuilder(title).append("。牵头单位：").append(leadUnit);
        if (!coUnits.isEmpty()) {
            text.append("；配合单位：").append(String.join("、", coUnits));
        }
        return text.append("；完成时限：").append(ChineseNumbers.date(deadline)).append("前。").toString();
    }

    /** The JSON shape, as the form posts it and {@code record.json} keeps it (deadline ISO-8601). */
    public java.util.Map<String, Object> asJson() {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("title", title);
        json.put("leadUnit", leadUnit);
        json.put("coUnits", coUnits);
        json.put("deadline", deadline.toString());
        return json;
    }
}
