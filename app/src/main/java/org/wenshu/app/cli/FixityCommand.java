package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.wenshu.archive.Archive;
import org.wenshu.archive.FixityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu fixity}: re-reads stored objects and compares their hashes; exit 1 when anything differs. */
@Command(name = "fixity", mixinStandardHelpOptions = true, description = "完整性校验：重新读取对象并核对哈希 (fixity check)")
public class FixityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--record", description = "只校验一份文书（记录号或发文字号）")
    String record;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;

    public FixityCommand(ObjectProvider<Archive> archives) {
        this.archives = archives;
    }

    @Override
    public Integer call() {
        FixityReport report = archive().fixity(Optional.ofNullable(record));
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("intact", report.intact());
            view.put("records", report.recordsChecked());
            view.put("objects", report.objectsChecked());
            view.put("problems", report.problems().stream().map(p -> Map.of("recordId", String.valueOf(p.recordId()),
                    "key", p.key(), "problem", p.description())).toList());
            ArchiveViews.printJson(out, view);
        } else {
            out.println("已校验 " + report.recordsChecked() + " 份记录、" + report.objectsChecked() + " 个对象："
                    + (report.intact() ? "全部完整" : "发现 " + report.problems().size() + " 处问题"));
            report.problems().forEach(p -> out.println("  " + p.key() + "  " + p.description()));
        }
        return report.intact() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
