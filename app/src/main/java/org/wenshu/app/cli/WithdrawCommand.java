package org.wenshu.app.cli;

import java.util.concurrent.Callable;

import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu withdraw}: withdraws an unanswered instrument with the reason. */
@Command(name = "withdraw", description = "撤回文书 (withdraw an instrument)")
public class WithdrawCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORD", description = "记录号或发文字号")
    String record;

    @Option(names = "--reason", required = true, description = "撤回理由")
    String reason;

    @Option(names = "--unit", defaultValue = "市检察院", description = "操作单位（发文单位），默认 ${DEFAULT-VALUE}")
    String unit;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final Archive archive;

    public WithdrawCommand(Archive archive) {
        this.archive = archive;
    }

    @Override
    public Integer call() {
        InstrumentRecord withdrawn = archive.withdraw(record, reason, unit);
        if (json) {
            ArchiveViews.printJson(spec.commandLine().getOut(), ArchiveViews.record(withdrawn, archive.today()));
        } else {
            ArchiveViews.printRecord(spec.commandLine().getOut(), "已撤回", withdrawn, archive.today());
        }
        return ExitCodes.OK;
    }
}
