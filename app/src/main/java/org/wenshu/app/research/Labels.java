package org.wenshu.app.research;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.wenshu.archive.RecordStatus;
import org.wenshu.archive.tracking.Decision;
import org.wenshu.search.RecordKind;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;

/** Chinese names of the index's codes for the page: record kinds, instrument type ids, statuses, facet dimensions. */
final class Labels {

    /** The facet dimensions in the order the page shows them, with their headings. */
    static final Map<String, String> FACETS = orderedFacets();

    private final InstrumentCatalog catalog;

    Labels(InstrumentCatalog catalog) {
        this.catalog = catalog;
    }

    private static Map<String, String> orderedFacets() {
        Map<String, String> facets = new LinkedHashMap<>();
        facets.put("kind", "种类");
        facets.put("type", "类型");
        facets.put("unit", "单位");
        facets.put("domain", "领域");
        facets.put("year", "年度");
        facets.put("status", "状态");
        return Collections.unmodifiableMap(facets);
    }

    static String kind(RecordKind kind) {
        return switch (kind) {
            case INSTRUMENT -> "文书";
            case RESPONSE -> "回复";
            case REFERENCE -> "参考资料";
            case LEAD -> "线索";
            case TRACKED_ITEM -> "督办事项";
            case PROGRESS_REPORT -> "进展报告";
        };
    }

    /** An instrument type's name (检察建议书), or a reference's category as it is. */
    String type(String type) {
        return catalog.find(type).map(InstrumentType::name).orElse(type);
    }

    /** The badge of a hit: a tracked item's source (工作要点 or 议定事项), else the name of its kind. */
    static String kind(RecordKind kind, String type) {
        return kind == RecordKind.TRACKED_ITEM && !type.isBlank() ? type : kind(kind);
    }

    static String status(String status) {
        return switch (status) {
            case "OVERDUE" -> "已逾期";
            // A tracked item not yet done by every unit; a progress report's decision.
            case "OPEN" -> "办理中";
            case "PENDING" -> Decision.PENDING.label();
            case "ACCEPTED" -> Decision.ACCEPTED.label();
            case "RETURNED" -> Decision.RETURNED.label();
            default -> Arrays.stream(RecordStatus.values()).filter(s -> s.name().equals(status)).findFirst()
                    .map(RecordStatus::label).orElse(status);
        };
    }

    /** The label of {@code value} in facet {@code dimension}. */
    String facetValue(String dimension, String value) {
        return switch (dimension) {
            case "kind" -> Arrays.stream(RecordKind.values()).filter(k -> k.name().equals(value)).findFirst()
                    .map(Labels::kind).orElse(value);
            case "type" -> type(value);
            case "status" -> status(value);
            default -> value;
        };
    }
}
