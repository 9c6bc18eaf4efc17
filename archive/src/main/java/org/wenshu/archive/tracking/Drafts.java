package org.wenshu.archive.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.Unit;

/** Checks drafts of tracked items (a sheet's rows, a request's items) and collects every problem, row by row. */
final class Drafts {

    /** Stands for every member unit (检察院 and the government's departments) but the lead unit. */
    static final String ALL_MEMBERS = "各成员单位";
    static final Pattern SEPARATORS = Pattern.compile("[、,，;；\\s]+");
    static final int MAX_TITLE = 500;
    static final int MAX_DESCRIPTION = 20000;

    /** A draft that passed every check. */
    record Checked(int number, String title, String description, Unit lead, List<Unit> coUnits, Deadline deadline) {
    }

    private final Archive archive;

    Drafts(Archive archive) {
        this.archive = archive;
    }

    /** The member units {@value #ALL_MEMBERS} stands for: the procuratorate and the government's departments. */
    List<Unit> members() {
        return archive.units().stream().filter(u -> u.kind().equals("PROCURATORATE") || u.kind().equals("AGENCY"))
                .toList();
    }

    /**
     * Checks {@code drafts} (each with its row number in {@code rows}) for {@code year}, adding to {@code problems}
     * found earlier (e.g. an unreadable 序号), and numbers already taken in the list.
     *
     * @throws ListRefused with every problem, sorted by row, when there is any
     */
    List<Checked> check(List<ItemDraft> drafts, List<Integer> rows, int year, Set<Integer> taken,
                        List<RowProblem> earlier) {
        List<RowProblem> problems = new ArrayList<>(earlier);
        List<Checked> checked = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            ItemDraft draft = drafts.get(i);
            int row = rows.get(i);
            int before = problems.size();
            if (draft.number() < 1) {
                problems.add(new RowProblem(row, "序号", "序号须为正整数"));
            } else if (seen.containsKey(draft.number())) {
                problems.add(new RowProblem(row, "序号", "序号 " + draft.number() + " 与第 " + seen.get(draft.number()) + " 行重复"));
            } else if (taken.contains(draft.number())) {
                problems.add(new RowProblem(row, "序号", "序号 " + draft.number() + " 已在清单中"));
            }
            if (draft.number() >= 1) {
                seen.putIfAbsent(draft.number(), row);
            }
            String title = draft.title() == null ? "" : draft.title().strip();
            if (title.isEmpty()) {
                problems.add(new RowProblem(row, "工作要点", "缺少标题"));
            } else if (title.length() > MAX_TITLE) {
                problems.add(new RowProblem(row, "工作要点", "标题超过 " + MAX_TITLE + " 字"));
            }
            if (draft.description().length() > MAX_DESCRIPTION) {
                problems.add(new RowProblem(row, "具体内容", "内容超过 " + MAX_DESCRIPTION + " 字"));
            }
            Unit lead = null;
            String leadText = draft.leadUnit() == null ? "" : draft.leadUnit().strip();
            if (leadText.isEmpty()) {
                problems.add(new RowProblem(row, "牵头单位", "缺少牵头单位"));
            } else if (leadText.contains(ALL_MEMBERS)) {
                problems.add(new RowProblem(row, "牵头单位", "牵头单位须为一个单位，「" + ALL_MEMBERS + "」只能写在配合单位"));
            } else {
                lead = unit(leadText, row, "牵头单位", problems);
            }
            Map<String, Unit> co = new LinkedHashMap<>();
            for (String reference : draft.coUnits()) {
                for (String token : SEPARATORS.split(reference.strip())) {
                    if (token.isEmpty()) {
                        continue;
                    }
                    if (token.contains(ALL_MEMBERS)) {
                        members().forEach(u -> co.putIfAbsent(u.id(), u));
                    } else {
                        Unit unit = unit(token, row, "配合单位", problems);
                        if (unit != null) {
                            co.putIfAbsent(unit.id(), unit);
                        }
                    }
                }
            }
            if (lead != null) {
                co.remove(lead.id());
            }
            Deadline deadline = null;
            try {
                deadline = Deadline.parse(draft.deadline(), year);
            } catch (IllegalArgumentException e) {
                problems.add(new RowProblem(row, "完成时限", e.getMessage()));
            }
            if (problems.size() == before) {
                checked.add(new Checked(draft.number(), title, draft.description().strip(), lead, List.copyOf(co.values()),
                        deadline));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(RowProblem::row));
            throw new ListRefused(problems);
        }
        return checked;
    }

    private Unit unit(String reference, int row, String column, List<RowProblem> problems) {
        try {
            return archive.unit(reference);
        } catch (ArchiveRefusal e) {
            problems.add(new RowProblem(row, column, e.getMessage()));
            return null;
        }
    }
}
