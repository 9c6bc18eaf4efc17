package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenshu.app.instruments.RecordJson;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RegisterEntry;
import org.wenshu.archive.StoredFile;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.Unit;
import tools.jackson.databind.json.JsonMapper;

/** How archive records look on the command line: a short Chinese summary, or JSON with {@code --json}. */
final class ArchiveViews {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ArchiveViews() {
    }

    static void printJson(PrintWriter out, Object value) {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    static Map<String, Object> record(InstrumentRecord record, LocalDate today) {
        return RecordJson.record(record, today);
    }

    static Map<String, Object> response(StoredResponse response) {
        return RecordJson.response(response);
    }

    static void printRecord(PrintWriter out, String headline, InstrumentRecord record, LocalDate today) {
        out.println(headline + " " + record.number().text() + "  " + record.title());
        out.println("  记录号    " + record.id());
        out.println("  类型      " + record.typeName() + " (" + record.typeId() + ")");
        out.println("  发文单位  " + record.issuingUnit().name());
        out.println("  主送      " + String.join("、", record.recipients().stream().map(Unit::name).toList()));
        if (!record.copiedUnits().isEmpty()) {
            out.println("  抄送      " + String.join("、", record.copiedUnits().stream().map(Unit::name).toList()));
        }
        out.println("  状态      " + record.displayStatus(today) + "（" + (record.overdue(today) ? "逾期未回复" : record.status().label()) + "）");
        record.delivery().ifPresent(d -> out.println("  送达      " + d.date() + " " + d.method().label()));
        out.println("  回复期限  " + record.dueDate().map(LocalDate::toString).orElse("无"));
        record.closing().ifPresent(c -> out.println("  办结评价  " + c.evaluation().label() + (c.note().isBlank() ? "" : "；" + c.note())));
        record.withdrawReason().ifPresent(r -> out.println("  撤回理由  " + r));
        for (StoredFile file : record.objects()) {
            out.println("  " + file.key() + "  sha256=" + file.sha256() + "  " + file.size() + " 字节");
        }
    }

    static List<Map<String, Object>> register(List<RegisterEntry> entries) {
        return RecordJson.register(entries);
    }
}
