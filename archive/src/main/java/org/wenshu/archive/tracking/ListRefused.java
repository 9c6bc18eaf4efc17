package org.wenshu.archive.tracking;

import java.util.List;
import java.util.stream.Collectors;

import org.wenshu.archive.ArchiveRefusal;

/** A work-point list (sheet or request) refused row by row; nothing of it was stored. */
public final class ListRefused extends ArchiveRefusal {

    private final List<RowProblem> problems;

    public ListRefused(List<RowProblem> problems) {
        super("清单有 " + problems.size() + " 处问题，未保存任何内容：" + problems.stream().limit(20)
                .map(RowProblem::describe).collect(Collectors.joining("；")) + (problems.size() > 20 ? "……" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<RowProblem> problems() {
        return problems;
    }
}
