package org.wenshu.app.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu issue}: numbers, renders, signs and archives an instrument. */
@Command(name = "issue", description = "发文：编号、生成、签章并存档一份文书 (number, sign and archive an instrument)")
public class IssueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--type", required = true, description = "文书类型 id, e.g. procuratorial-suggestion")
    String type;

    @Option(names = "--data", required = true, description = "字段值 JSON 文件")
    Path data;

    @Option(names = "--key", description = "幂等键：同一键重试返回同一份文书")
    String key;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;
    private final ObjectProvider<IndexUpdates> indexUpdates;
    private final ObjectProvider<InstrumentIssuing> issuing;

    public IssueCommand(ObjectProvider<IndexUpdates> indexUpdates, ObjectProvider<Archive> archives, ObjectProvider<InstrumentIssuing> issuing) {
        this.archives = archives;
        this.indexUpdates = indexUpdates;
        this.issuing = issuing;
    }

    @Override
    public Integer call() {
        Map<String, Object> fields = JsonData.read(data);
        InstrumentIssuing issuer = issuing.getObject();
        IssueRequest request = issuer.request(type, fields);
        if (key != null) {
            request = request.withKey(key);
        }
        InstrumentRecord record = archive().issue(request, issuer.producer(request));
        indexUpdates.getObject().afterChange();
        if (json) {
            ArchiveViews.printJson(spec.commandLine().getOut(), ArchiveViews.record(record, archive().today()));
        } else {
            ArchiveViews.printRecord(spec.commandLine().getOut(), "已发文", record, archive().today());
        }
        return ExitCodes.OK;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
