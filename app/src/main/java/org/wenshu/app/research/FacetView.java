package org.wenshu.app.research;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.wenshu.search.FacetCount;

/**
 * One facet dimension (分面) on the search page: its heading and its values, each a link that narrows the query by
 * adding the value's filter ({@code unit:"荆门市司法局"}), or — when the query already has it — widens it again.
 *
 * @param name   dimension: kind, type, unit, domain, year or status
 * @param label  heading in Chinese
 * @param values values with their counts over the records the user may see, most frequent first
 */
public record FacetView(String name, String label, List<Value> values) {

    /**
     * A facet value.
     *
     * @param label  the value in Chinese
     * @param count  matching records the user may see that carry it
     * @param href   the search with this value's filter added (or removed, when active)
     * @param active whether the query already filters on it
     */
    public record Value(String label, long count, String href, boolean active) {
    }

    /** The facets of a result in page order, linking to searches of {@code query} sorted by {@code sort}. */
    static List<FacetView> of(Map<String, List<FacetCount>> facets, String query, String sort, Labels labels) {
        List<FacetView> views = new ArrayList<>();
        Labels.FACETS.forEach((name, label) -> {
            List<Value> values = new ArrayList<>();
            for (FacetCount count : facets.getOrDefault(name, List.of())) {
                Optional<String> clause = clause(name, count.value());
                if (clause.isEmpty()) {
                    continue;
                }
                boolean active = hasClause(query, clause.get());
                String narrowed = active ? withoutClause(query, clause.get()) : query.strip() + " " + clause.get();
                values.add(new Value(labels.facetValue(name, count.value()), count.count(),
                        narrowed.isBlank() ? "/search" : search(narrowed, sort, 1), active));
            }
            if (!values.isEmpty()) {
                views.add(new FacetView(name, label, List.copyOf(values)));
            }
        });
        return List.copyOf(views);
    }

    /**
     * The query-language filter selecting {@code value} of {@code dimension}; empty when the value cannot be written
     * as one (it holds both kinds of closing quote).
     */
    static Optional<String> clause(String dimension, String value) {
        return switch (dimension) {
            case "year" -> Optional.of("year:" + value);
            case "kind" -> Optional.of("kind:" + value.toLowerCase(Locale.ROOT));
            default -> quoted(value).map(v -> dimension + ":" + v);
        };
    }

    private static Optional<String> quoted(String value) {
        boolean plain = !value.isEmpty() && value.codePoints().noneMatch(c -> Character.isWhitespace(c)
                || Character.getType(c) == Character.SPACE_SEPARATOR || Character.getType(c) == Character.FORMAT)
                && "\"“「”」".indexOf(value.charAt(0)) < 0;
        if (plain) {
            return Optional.of(value);
        }
        if (value.indexOf('"') < 0) {
            return Optional.of("\"" + value + "\"");
        }
        return value.indexOf('」') < 0 ? Optional.of("「" + value + "」") : Optional.empty();
    }

    static boolean hasClause(String query, String clause) {
        return (" " + query.strip() + " ").contains(" " + clause + " ");
    }

    static String withoutClause(String query, String clause) {
        return (" " + query.strip() + " ").replace(" " + clause + " ", " ").strip().replaceAll("\\s{2,}", " ");
    }

    /** The search page's link for {@code query}, {@code sort} and 1-based {@code page}. */
    static String search(String query, String sort, int page) {
        return "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&sort=" + sort
                + (page > 1 ? "&page=" + page : "");
    }
}
