package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's files grouped by what happened to them and why (跳过 + 不支持的文件类型…), each group with its count
 * and its first files: an import of a folder with thousands of unsupported files prints a few lines per reason, not a
 * line per file.
 */
final class ProblemGroups {

    /** One file of the report: {@code verb} 跳过 or 失败, its path in the folder, and why. */
    record Entry(String verb, String source, String reason) {
    }

    private ProblemGroups() {
    }

    /**
     * Prints {@code entries} by verb and reason, in order of first appearance: a line {@code 跳过 4490 个文件：reason}
     * then at most {@code shown} paths (all when {@code shown} is negative), then how many more and {@code more}, the
     * sentence that says where to see them all.
     */
    static void print(PrintWriter out, String indent, List<Entry> entries, int shown, String more) {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry entry : entries) {
            groups.computeIfAbsent(entry.verb() + "\u0000" + entry.reason(), k -> new ArrayList<>()).add(entry);
        }
        for (List<Entry> group : groups.values()) {
            Entry first = group.get(0);
            out.println(indent + first.verb() + " " + group.size() + " 个文件：" + first.reason());
            int limit = shown < 0 ? group.size() : Math.min(shown, group.size());
            for (Entry entry : group.subList(0, limit)) {
                out.println(indent + "    " + entry.source());
            }
            if (limit < group.size()) {
                out.println(indent + "    ……另有 " + (group.size() - limit) + " 个" + more);
            }
        }
    }
}
