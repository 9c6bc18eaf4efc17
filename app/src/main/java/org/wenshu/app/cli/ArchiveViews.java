package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.id());
        json.put("number", record.number().text());
        json.put("status", record.displayStatus(today));
        json.put("storedStatus", record.status().name());
        json.put("overdue", record.overdue(today));
        json.put("dueDate", record.dueDate().map(LocalDate::toString).orElse(null));
        json.put("typeId", record.typeId());
        json.put("typeName", record.typeName());
        json.put("title", record.title());
        json.put("issuingUnit", record.issuingUnit().name());
        json.put("recipients", record.recipients().stream().map(Unit::name).toList());
        json.put("copiedUnits", record.copiedUnits().stream().map(Unit::name).toList());
        json.put("urgent", record.urgent());
        json.put("issuedAt", record.issuedAt().toString());
        record.delivery().ifPresent(d -> json.put("delivery", Map.of("method", d.method().label(), "date", d.date().toString(),
                "note", d.note().orElse(""))));
        record.closing().ifPresent(c -> json.put("closing", Map.of("evaluation", c.evaluation().label(), "note", c.note(),
                "closedAt", c.closedAt().toString())));
        record.withdrawReason().ifPresent(r -> json.put("withdrawReason", r));
        json.put("objects", record.objects().stream().map(ArchiveViews::object).toList());
        return json;
    }

    static Map<String, Object> object(StoredFile file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", file.key());
        json.put("sha256", file.sha256());
        json.put("size", file.size());
        json.put("mediaType", file.mediaType());
        return json;
    }

    static Map<String, Object> response(StoredResponse response) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", response.id());
        json.put("recordId", response.recordId());
        json.put("unit", response.unit().name());
        json.put("adoption", response.adoption().label());
        json.put("measures", response.measures());
        json.put("results", response.results());
        json.put("submittedAt", response.submittedAt().toString());
        json.put("files", response.files().stream().map(f -> {
            Map<String, Object> file = object(f.stored());
            file.put("name", f.originalName());
            file.put("textLength", f.text().length());
            return file;
        }).toList());
        json.put("responseJson", object(response.responseJson()));
        return json;
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
        return entries.stream().map(e -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("number", e.number().text());
            json.put("issuingUnit", e.issuingUnit());
            json.put("state", e.state().name());
            json.put("recordId", e.recordId());
            json.put("typeId", e.typeId());
            json.put("title", e.title());
            json.put("reservedAt", e.reservedAt().toString());
            json.put("voidReason", e.voidReason().orElse(null));
            return json;
        }).toList();
    }
}
