package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.util.Optional;

import org.wenshu.archive.Adoption;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wenshu close}: closes an instrument with the evaluation of the response. */
@Command(name = "close", mixinStandardHelpOptions = true, description = "办结：评价回复并结案 (close with an evaluation)")
public class CloseCommand extends RecordChangeCommand {

    @Parameters(index = "0", paramLabel = "RECORD", description = "记录号或发文字号")
    String record;

    @Option(names = "--evaluation", required = true, description = "评价：采纳 / 部分采纳 / 未采纳")
    String evaluation;

    @Option(names = "--note", defaultValue = "", description = "跟进意见")
    String note;

    @Option(names = "--reason", description = "未收到回复而办结的理由")
    String reason;

    @Option(names = "--unit", defaultValue = "市检察院", description = "操作单位（发文单位），默认 ${DEFAULT-VALUE}")
    String unit;

    public CloseCommand(ObjectProvider<IndexUpdates> indexUpdates, ObjectProvider<Archive> archives) {
        super(archives, indexUpdates);
    }

    @Override
    public Integer call() {
        Adoption evaluated = Adoption.parse(evaluation).orElseThrow(() -> new ExitCodes.BadInput(
                "评价「" + evaluation + "」无效：可选 采纳、部分采纳、未采纳"));
        InstrumentRecord closed = archive().close(record, evaluated, note, Optional.ofNullable(reason), unit);
        return changed("已办结", closed);
    }
}
