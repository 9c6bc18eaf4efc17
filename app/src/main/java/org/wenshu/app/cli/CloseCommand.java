package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.wenshu.archive.Adoption;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu close}: closes an instrument with the evaluation of the response. */
@Command(name = "close", description = "办结：评价回复并结案 (close with an evaluation)")
public class CloseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

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

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;
    private final ObjectProvider<IndexUpdates> indexUpdates;

    public CloseCommand(ObjectProvider<IndexUpdates> indexUpdates, ObjectProvider<Archive> archives) {
        this.archives = archives;
        this.indexUpdates = indexUpdates;
    }

    @Override
    public Integer call() {
        Adoption evaluated = Adoption.parse(evaluation).orElseThrow(() -> new ExitCodes.BadInput(
                "评价「" + evaluation + "」无效：可选 采纳、部分采纳、未采纳"));
        InstrumentRecord closed = archive().close(record, evaluated, note, Optional.ofNullable(reason), unit);
        indexUpdates.getObject().afterChange();
        if (json) {
            ArchiveViews.printJson(spec.commandLine().getOut(), ArchiveViews.record(closed, archive().today()));
        } else {
            ArchiveViews.printRecord(spec.commandLine().getOut(), "已办结", closed, archive().today());
        }
        return ExitCodes.OK;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
