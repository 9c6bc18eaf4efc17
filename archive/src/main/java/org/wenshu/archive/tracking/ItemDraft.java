package org.wenshu.archive.tracking;

import java.util.List;

/**
 * A tracked item as the office (a sheet row, a form, the API, a meeting's minutes) writes it, before it is checked.
 *
 * @param number      序号 within its list or meeting, ≥ 1
 * @param leadUnit    牵头单位: a unit's id, full name or short name (市检察院)
 * @param coUnits     配合单位 the same way; {@code 各成员单位} stands for every member unit but the lead
 * @param deadline    完成时限 as text, see {@link Deadline#parse}
 */
public record ItemDraft(int number, String title, String description, String leadUnit, List<String> coUnits,
                        String deadline) {

    public ItemDraft {
        description = description == null ? "" : description;
        coUnits = coUnits == null ? List.of() : List.copyOf(coUnits);
    }
}
