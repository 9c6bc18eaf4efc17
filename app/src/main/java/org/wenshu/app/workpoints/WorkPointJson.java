package org.wenshu.app.workpoints;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenshu.archive.Unit;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.ProgressReport;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.UnitProgress;
import org.wenshu.archive.tracking.UnitTally;

/** The JSON shapes of lists, tracked items, progress reports and tallies in the API. */
final class WorkPointJson {

    private WorkPointJson() {
    }

    static Map<String, Object> list(ItemList list) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", list.id());
        json.put("year", list.year());
        json.put("title", list.title());
        json.put("publishedBy", unit(list.publishedBy()));
        json.put("state", list.state().name());
        json.put("stateLabel", list.state().label());
        json.put("createdAt", list.createdAt().toString());
        json.put("publishedAt", list.publishedAt().map(Object::toString).orElse(null));
        json.put("itemCount", list.itemCount());
        return json;
    }

    static Map<String, Object> list(ItemList list, List<TrackedItem> items) {
        Map<String, Object> json = list(list);
        json.put("items", items.stream().map(WorkPointJson::item).toList());
        return json;
    }

    static Map<String, Object> item(TrackedItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", item.id());
        json.put("source", item.source().name());
        json.put("sourceLabel", item.source().label());
        json.put("sourceId", item.sourceId());
        json.put("listId", item.listId().orElse(null));
        json.put("number", item.number());
        json.put("year", item.year());
        json.put("title", item.title());
        json.put("description", item.description());
        json.put("deadline", item.deadline().text());
        json.put("dueDate", item.deadline().dueDate().toString());
        json.put("frequency", item.deadline().frequency().orElse(null));
        json.put("targetCount", item.deadline().targetCount());
        json.put("active", item.active());
        json.put("overdue", item.overdue());
        json.put("leadUnit", unit(item.lead()));
        json.put("coUnits", item.coUnits().stream().map(WorkPointJson::unit).toList());
        json.put("units", item.units().stream().map(WorkPointJson::progress).toList());
        return json;
    }

    /** An item as a unit sees it: only its own unit's progress among the responsible units. */
    static Map<String, Object> item(TrackedItem item, java.util.Optional<String> onlyUnit) {
        Map<String, Object> json = item(item);
        onlyUnit.ifPresent(unit -> json.put("units", item.units().stream().filter(u -> u.unit().id().equals(unit))
                .map(WorkPointJson::progress).toList()));
        return json;
    }

    static Map<String, Object> progress(UnitProgress progress) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unit", unit(progress.unit()));
        json.put("role", progress.role().name());
        json.put("status", progress.status().name());
        json.put("statusLabel", progress.status().label());
        json.put("overdue", progress.overdue());
        json.put("acceptedCount", progress.acceptedCount());
        json.put("completedAt", progress.completedAt().map(Object::toString).orElse(null));
        return json;
    }

    static Map<String, Object> report(ProgressReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", report.id());
        json.put("itemId", report.itemId());
        json.put("unit", unit(report.unit()));
        json.put("text", report.text());
        json.put("completedOn", report.completedOn().map(Object::toString).orElse(null));
        json.put("submittedAt", report.submittedAt().toString());
        json.put("submittedBy", report.submittedBy());
        json.put("decision", report.decision().name());
        json.put("decisionLabel", report.decision().label());
        json.put("reason", report.reason().orElse(null));
        json.put("decidedAt", report.decidedAt().map(Object::toString).orElse(null));
        json.put("files", report.files().stream().map(f -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("index", f.index());
            file.put("name", f.name());
            file.put("mediaType", f.mediaType());
            file.put("size", f.size());
            file.put("sha256", f.sha256());
            file.put("href", "/api/v1/workpoints/reports/" + report.id() + "/files/" + f.index());
            return file;
        }).toList());
        return json;
    }

    static Map<String, Object> tally(UnitTally tally) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unit", unit(tally.unit()));
        json.put("total", tally.total());
        json.put("onTime", tally.onTime());
        json.put("late", tally.late());
        json.put("open", tally.open());
        json.put("overdue", tally.overdue());
        return json;
    }

    static Map<String, Object> unit(Unit unit) {
        return Map.of("id", unit.id(), "name", unit.name(), "shortName", unit.shortName());
    }
}
