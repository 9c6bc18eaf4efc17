package org.wenshu.batch.bulk;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.JsonSyntax;
import org.wenshu.batch.FileContent;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inputs of one bulk-issue execution, re-read from the job parameters' paths and checked against their
 * hashes, so that a restart never issues from a file that changed since the job started. Built once before a job
 * is launched (command line, web) so that an unusable list is refused before any execution exists.
 */
public class BulkIssueInput {

    private static final JsonMapper JSON = JsonMapper.builder()
            // A key given twice is almost always a copy-paste mistake; silently keeping the last would hide it.
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JobParameters parameters;
    private final Archive archive;
    private final InstrumentType type;
    private final RecipientTable table;
    private final BulkRows rows;

    /**
     * Reads the list and the base data named by {@code parameters}.
     *
     * @throws ListRefused when a file changed or is gone, the list cannot be read (encoding, format, size, headers)
     *                     or has no data rows, or the base data is not a JSON object
     */
    public BulkIssueInput(JobParameters parameters, InstrumentCatalog catalog, RecipientLists lists,
                          InstrumentIssuer issuer, Archive archive) {
        this.parameters = parameters;
        this.archive = archive;
        this.type = catalog.require(parameters.getString(BulkIssueParameters.TYPE));
        Path file = Path.of(parameters.getString(BulkIssueParameters.FILE));
        Path data = Path.of(parameters.getString(BulkIssueParameters.DATA));
        unchanged(file, parameters.getString(BulkIssueParameters.FILE_SHA256), "名单");
        unchanged(data, parameters.getString(BulkIssueParameters.DATA_SHA256), "基础数据");
        this.table = lists.read(file, Optional.ofNullable(parameters.getString(BulkIssueParameters.ENCODING)));
        if (table.rows().isEmpty()) {
            // A job over no rows would end COMPLETED with nothing issued, as if it had worked.
            throw new ListRefused("名单没有数据行：" + file.getFileName() + " 只有表头，表头之下每行一份文书");
        }
        this.rows = new BulkRows(type, table.headers(), baseData(data), issuer, archive, table.fullRows());
    }

    public RecipientTable table() {
        return table;
    }

    public BulkRows rows() {
        return rows;
    }

    public InstrumentType type() {
        return type;
    }

    /**
     * The idempotency key of a row: SHA-256 over the job's identifying parameters, the row number and the row's
     * content hash, so a restart issues each row under the key it had before. The key is this job instance's own:
     * only a dead earlier run of the same instance can have left a number reserved under it, which makes taking that
     * number over safe. (The same instrument asked for by another list is found by
     * {@link Archive#findIssuedAlike} instead.)
     */
    public String key(RecipientTable.Row row) {
        String identity = String.join("\n", "bulk-issue", type.id(),
                parameters.getString(BulkIssueParameters.FILE_SHA256), parameters.getString(BulkIssueParameters.DATA_SHA256),
                Optional.ofNullable(parameters.getString(BulkIssueParameters.ENCODING)).orElse(""),
                Integer.toString(row.number()), rows.contentHash(row));
        return "bulk:" + BulkRows.sha256(identity);
    }

    /**
     * The instrument already issued that {@code row} asks for with {@code request} (its checked request), as the job
     * finds it before issuing the row and the validation before a start: same type, issuing unit, title and field
     * values ({@link Archive#findIssuedAlike}). Empty when there is none, and when the record is this job instance's
     * own (issued under the row's {@link #key}): a restart returns that one instead of skipping the row.
     *
     * @throws org.wenshu.archive.ArchiveRefusal when the request's issuing unit is no longer known
     */
    public Optional<InstrumentRecord> issuedAlike(RecipientTable.Row row, IssueRequest request) {
        if (archive.findByKey(key(row)).isPresent()) {
            return Optional.empty();
        }
        return archive.findIssuedAlike(request);
    }

    /**
     * The instrument {@code row} became when an earlier execution of this job instance (this same list, base data
     * and encoding) issued it: confirming the list again issues nothing for it. {@link #issuedAlike} leaves such a
     * record out, as a restart takes it over; a check before a confirmation names it as issued.
     */
    public Optional<InstrumentRecord> issuedByThisList(RecipientTable.Row row) {
        return archive.findByKey(key(row));
    }

    private static void unchanged(Path file, String expected, String what) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ListRefused(what + "文件已不存在：" + file.getFileName() + "（重启作业需要原文件）");
        }
        if (!BulkIssueParameters.sha256(file).equals(expected)) {
            throw new ListRefused(what + "文件 " + file.getFileName() + " 在作业开始后被修改：请恢复原文件再重启，或用修改后的文件重新运行 bulk-issue（新作业）");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> baseData(Path data) {
        String name = data.getFileName().toString();
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + data, e);
        }
        // JSON is UTF-8 (RFC 8259): a GBK or UTF-16 file would otherwise be reported as a syntax error at some column.
        FileContent.document(data, bytes).ifPresent(document -> {
            throw new ListRefused("基础数据文件 " + name + " 实际是 " + document.label()
                    + "，不是 JSON：基础数据须为 UTF-8 编码的 JSON 文本（字段名: 值，如 examples/meeting-notice.json）");
        });
        FileContent.notUtf8(data, bytes).ifPresent(reason -> {
            throw new ListRefused("基础数据文件 " + name + " " + reason + "：基础数据须为 UTF-8 编码的 JSON，"
                    + "请用文本编辑器打开后另存为 UTF-8（如记事本“另存为”，编码选 UTF-8）再提交");
        });
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        Object parsed;
        try {
            parsed = JSON.readValue(text.startsWith("\uFEFF") ? text.substring(1) : text, Object.class);
        } catch (JacksonException e) {
            throw new ListRefused("基础数据文件 " + data.getFileName() + " 不是有效的 JSON：" + JsonSyntax.describe(e));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new ListRefused("基础数据文件 " + data.getFileName() + " 须为 JSON 对象（字段名: 值）");
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }
}
