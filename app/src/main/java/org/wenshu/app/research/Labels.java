package org.wenshu.app.research;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.wenshu.archive.RecordStatus;
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
        };
    }

    /** An instrument type's name (检察建议书), or a reference's category as it is. */
    String type(String type) {
        return catalog.find(type).map(InstrumentType::name).orElse(type);
    }

    static String status(String status) {
        if (status.equals("OVERDUE")) {
            return "已逾期";
        }
        return Arrays.stream(RecordStatus.values()).filter(s -> s.name().equals(status)).findFirst()
                .map(RecordStatus::label).orElse(status);
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
