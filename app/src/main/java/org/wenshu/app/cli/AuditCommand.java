package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.wenshu.archive.Archive;
import org.wenshu.archive.AuditReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu audit}: the hash-chained audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "审计日志 (audit trail)", subcommands = AuditCommand.Verify.class)
public class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "请指定子命令：verify");
    }

    /** {@code wenshu audit verify}: walks the chain; exit 1 when an event was changed or deleted. */
    @Command(name = "verify", mixinStandardHelpOptions = true, description = "校验审计链：发现被改动或删除的事件")
    public static class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "输出 JSON")
        boolean json;

        private final ObjectProvider<Archive> archive;

        public Verify(ObjectProvider<Archive> archive) {
            this.archive = archive;
        }

        @Override
        public Integer call() {
            AuditReport report = archive.getObject().verifyAudit();
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("intact", report.intact());
                view.put("events", report.eventsChecked());
                view.put("problems", report.problems());
                ArchiveViews.printJson(out, view);
            } else {
                out.println("已校验 " + report.eventsChecked() + " 个审计事件：" + (report.intact() ? "审计链完整" : "审计链已被破坏"));
                report.problems().forEach(p -> out.println("  " + p));
            }
            return report.intact() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
