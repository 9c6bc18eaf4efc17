package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.util.concurrent.Callable;

import org.wenshu.app.indexing.IndexUpdates;
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

    private final ObjectProvider<Archive> archives;
    private final ObjectProvider<IndexUpdates> indexUpdates;

    public WithdrawCommand(ObjectProvider<IndexUpdates> indexUpdates, ObjectProvider<Archive> archives) {
        this.archives = archives;
        this.indexUpdates = indexUpdates;
    }

    @Override
    public Integer call() {
        InstrumentRecord withdrawn = archive().withdraw(record, reason, unit);
        indexUpdates.getObject().afterChange();
        if (json) {
            ArchiveViews.printJson(spec.commandLine().getOut(), ArchiveViews.record(withdrawn, archive().today()));
        } else {
            ArchiveViews.printRecord(spec.commandLine().getOut(), "已撤回", withdrawn, archive().today());
        }
        return ExitCodes.OK;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
