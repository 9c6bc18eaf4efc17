package org.wenshu.app.instruments;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RegisterEntry;
import org.wenshu.archive.StoredFile;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.Unit;

/**
 * The JSON shape of records, stored objects, responses and register entries: one shape for the CLI's {@code --json}
 * and the REST API, so scripts can move from one to the other.
 */
public final class RecordJson {

    private RecordJson() {
    }

    public static Map<String, Object> record(InstrumentRecord record, LocalDate today) {
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
        json.put("objects", record.objects().stream().map(RecordJson::object).toList());
        return json;
    }

    public static Map<String, Object> object(StoredFile file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", file.key());
        json.put("sha256", file.sha256());
        json.put("size", file.size());
        json.put("mediaType", file.mediaType());
        return json;
    }

    public static Map<String, Object> response(StoredResponse response) {
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

    public static List<Map<String, Object>> register(List<RegisterEntry> entries) {
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
