package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wenshu withdraw}: withdraws an unanswered instrument with the reason. */
@Command(name = "withdraw", mixinStandardHelpOptions = true, description = "撤回文书 (withdraw an instrument)")
public class WithdrawCommand extends RecordChangeCommand {

    @Parameters(index = "0", paramLabel = "RECORD", description = "记录号或发文字号")
    String record;

    @Option(names = "--reason", required = true, description = "撤回理由")
    String reason;

    @Option(names = "--unit", defaultValue = "市检察院", description = "操作单位（发文单位），默认 ${DEFAULT-VALUE}")
    String unit;

    public WithdrawCommand(ObjectProvider<IndexUpdates> indexUpdates, ObjectProvider<Archive> archives) {
        super(archives, indexUpdates);
    }

    @Override
    public Integer call() {
        InstrumentRecord withdrawn = archive().withdraw(record, reason, unit);
        return changed("已撤回", withdrawn);
    }
}
