package org.wenshu.app.instruments;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenshu.archive.AuditEvent;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RegisterEntry;
import org.wenshu.archive.StoredFile;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.Unit;
import org.wenshu.templates.FieldSpec;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;

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

    /** An instrument type (文书类型) with its field specifications, as {@code wenshu types --json} prints it. */
    public static Map<String, Object> type(InstrumentType type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", type.id());
        json.put("name", type.name());
        json.put("numberCode", type.numberCode());
        json.put("numberCodes", type.numberCodes());
        json.put("replyPeriod", type.replyPeriod().describe());
        // False for types with their own workflow (会议纪要): POST /api/v1/instruments and bulk issues refuse them.
        json.put("standalone", InstrumentCatalog.standalone(type));
        json.put("fields", type.fields().stream().map(RecordJson::field).toList());
        return json;
    }

    private static Map<String, Object> field(FieldSpec field) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", field.name());
        f.put("label", field.label());
        f.put("type", field.type().name());
        f.put("required", field.required());
        if (field.maxLength() > 0) {
            f.put("maxLength", field.maxLength());
        }
        if (field.isList()) {
            f.put("maxItems", field.maxItems());
        }
        if (!field.choices().isEmpty()) {
            f.put("choices", field.choices());
        }
        return f;
    }

    /** A record as an agency's inbox lists it: {@link #record} and the days left to reply (negative when overdue). */
    public static Map<String, Object> inboxItem(InstrumentRecord record, LocalDate today) {
        Map<String, Object> json = record(record, today);
        json.put("daysLeft", record.status().awaitsResponse()
                ? record.dueDate().map(due -> java.time.temporal.ChronoUnit.DAYS.between(today, due)).orElse(null) : null);
        return json;
    }

    /** One audit event of a record's timeline. */
    public static Map<String, Object> event(AuditEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", event.seq());
        json.put("occurredAt", event.occurredAt().toString());
        json.put("actor", event.actor());
        json.put("action", event.action());
        json.put("detail", event.detail());
        return json;
    }

    /** {@link #record} with the field values the instrument was issued with ({@code fields}), for a single record. */
    public static Map<String, Object> detail(InstrumentRecord record, LocalDate today) {
        Map<String, Object> json = record(record, today);
        json.put("fields", record.fields());
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
        return entries.stream().map(RecordJson::registerEntry).toList();
    }

    /** One register (发文登记簿) entry; void numbers carry their {@code voidReason}. */
    public static Map<String, Object> registerEntry(RegisterEntry e) {
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
    }
}
