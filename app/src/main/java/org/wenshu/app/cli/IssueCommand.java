package org.wenshu.app.cli;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.templates.InstrumentCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wenshu issue}: numbers, renders, signs and archives an instrument. */
@Command(name = "issue", mixinStandardHelpOptions = true, description = "发文：编号、生成、签章并存档一份文书 (number, sign and archive an instrument)")
public class IssueCommand extends RecordChangeCommand {

    @Option(names = "--type", required = true, description = "文书类型 id, e.g. procuratorial-suggestion")
    String type;

    @Option(names = "--data", required = true, description = "字段值 JSON 文件")
    Path data;

    @Option(names = "--key", description = "幂等键：同一键重试返回同一份文书")
    String key;

    private final ObjectProvider<InstrumentIssuing> issuing;
    private final ObjectProvider<InstrumentCatalog> catalog;

    public IssueCommand(ObjectProvider<IndexUpdates> indexUpdates, ObjectProvider<Archive> archives,
                        ObjectProvider<InstrumentIssuing> issuing, ObjectProvider<InstrumentCatalog> catalog) {
        super(archives, indexUpdates);
        this.issuing = issuing;
        this.catalog = catalog;
    }

    @Override
    public Integer call() {
        Map<String, Object> fields = JsonData.read(data);
        InstrumentIssuing issuer = issuing.getObject();
        catalog.getObject().requireStandalone(type);
        IssueRequest request = issuer.request(type, fields);
        if (key != null) {
            request = request.withKey(key);
        }
        InstrumentRecord record = archive().issue(request, issuer.producer(request));
        return changed("已发文", record);
    }
}
