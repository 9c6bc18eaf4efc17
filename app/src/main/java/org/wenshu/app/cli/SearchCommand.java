package org.wenshu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.springframework.core.env.Environment;
import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.archive.Archive;
import org.wenshu.search.Hit;
import org.wenshu.search.IndexMissing;
import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.Precedent;
import org.wenshu.search.RecordSearch;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.SearchResults;
import org.wenshu.search.SortOrder;
import org.wenshu.search.Viewer;
import org.wenshu.search.query.QueryInvalid;
import org.wenshu.search.query.Ranking;
import org.wenshu.search.semantic.SentenceEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** {@code wenshu search}: full-text search of the index, one query or a batch file of queries. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"检索文书、回复和参考资料 (full-text search).",
                "Query language: words, \"exact phrase\", -excluded (or NOT x), a OR b (a || b), a AND b, type:T unit:U domain:D status:S "
                        + "kind:instrument|response|reference number:N year:2024 date:2024-01-01..2024-06-30"})
class SearchCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "the query")
    String query;

    @Option(names = "--type", paramLabel = "T", description = "only records of this type")
    String type;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "hits to show (default 10)")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "hits to skip (paging)")
    int offset;

    @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "relevance",
            description = "relevance (default), newest or oldest")
    String sort;

    @Option(names = "--as-unit", paramLabel = "UNIT",
            description = "search as an officer of this unit sees it (default: as a researcher)")
    String unit;

    @Option(names = "--similar", paramLabel = "ID", description = "similar records (类案) to record ID instead")
    String similar;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "run every line of FILE as a query; prints one JSON line per query")
    Path batch;

    private final Path index;
    private final ObjectProvider<SentenceEmbedder> embedder;
    private final ObjectProvider<Archive> archive;

    // The path, not the index bean: searching opens the committed index read-only, beside a running server.
    SearchCommand(Environment environment, ObjectProvider<SentenceEmbedder> embedder, ObjectProvider<Archive> archive) {
        this.index = Path.of(environment.getRequiredProperty("wenshu.search.index"));
        this.embedder = embedder;
        this.archive = archive;
    }

    @Override
    public Integer call() throws IOException {
        if (limit < 1 || limit > 1000) {
            throw new ExitCodes.BadInput("--limit 须在 1 到 1000 之间，给的是 " + limit);
        }
        if (offset < 0 || offset + limit > SearchRequest.MAX_DEPTH) {
            throw new ExitCodes.BadInput("--offset 须不小于 0，且 offset + limit 不超过 " + SearchRequest.MAX_DEPTH);
        }
        SortOrder order = switch (sort.toLowerCase(Locale.ROOT)) {
            case "relevance" -> SortOrder.RELEVANCE;
            case "newest" -> SortOrder.NEWEST;
            case "oldest" -> SortOrder.OLDEST;
            default -> throw new ExitCodes.BadInput("--sort 只能是 relevance（相关度）、newest（最新）或 oldest（最早），不是 " + sort);
        };
        Viewer viewer = unit == null ? Viewer.researcher() : Viewer.agency(unit);
        List<String> queries = queries();
        PrintWriter out = spec.commandLine().getOut();
        RecordSearch opened;
        try {
            opened = LuceneRecordIndex.openReadOnly(index, Ranking.standard(),
                    similar == null ? embedder.getIfAvailable() : null);
        } catch (IndexMissing missing) {
            if (archive.getObject().lastChange() > 0) {
                throw missing; // records without an index: its message says to run wenshu batch reindex
            }
            return answerEmpty(out, queries); // nothing stored yet, so nothing to find
        }
        try (RecordSearch search = opened) {
            if (similar != null) {
                printSimilar(out, search.similarTo(similar, viewer, Set.of(), limit));
                return ExitCodes.OK;
            }
            if (batch != null) {
                for (String line : queries) {
                    out.println(JSON.writeValueAsString(batchLine(search, line, viewer, order)));
                }
                return ExitCodes.OK;
            }
            SearchResults results = search.search(request(queries.get(0), viewer, order, true));
            if (json) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("query", queries.get(0));
                answer.put("total", results.total());
                answer.put("relaxedTerms", results.relaxedTerms());
                answer.put("notice", results.notice());
                answer.put("hits", results.hits().stream().map(SearchCommand::hitJson).toList());
                answer.put("facets", results.facets());
                out.println(JSON.writeValueAsString(answer));
            } else {
                printText(out, results);
            }
            return ExitCodes.OK;
        }
    }

    /** The answer of a home without records (and so without an index): no hits, in the form asked for. */
    private int answerEmpty(PrintWriter out, List<String> queries) {
        if (similar != null) {
            printSimilar(out, List.of());
        } else if (batch != null) {
            for (String line : queries) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("query", line);
                answer.put("hits", List.of());
                out.println(JSON.writeValueAsString(answer));
            }
        } else if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("query", queries.get(0));
            answer.put("total", 0);
            answer.put("relaxedTerms", List.of());
            answer.put("notice", "");
            answer.put("hits", List.of());
            answer.put("facets", Map.of());
            out.println(JSON.writeValueAsString(answer));
        } else {
            printText(out, new SearchResults(0, List.of(), Map.of()));
        }
        return ExitCodes.OK;
    }

    private List<String> queries() throws IOException {
        if (batch != null) {
            if (query != null) {
                throw new ExitCodes.BadInput("检索式与 --batch 文件只能给一个");
            }
            if (!Files.isRegularFile(batch)) {
                throw new ExitCodes.BadInput("--batch：文件不存在：" + batch);
            }
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(batch, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            return lines;
        }
        if (similar != null) {
            return List.of();
        }
        if (query == null || query.isBlank()) {
            throw new ExitCodes.BadInput("请给出检索式 (missing QUERY): wenshu search \"食品安全 检察建议\"");
        }
        return List.of(query);
    }

    private SearchRequest request(String text, Viewer viewer, SortOrder order, boolean facets) {
        String full = type == null ? text : text + " type:\"" + type.replace("\"", "") + "\"";
        return new SearchRequest(full, viewer, order, offset, limit, facets);
    }

    private Map<String, Object> batchLine(RecordSearch search, String line, Viewer viewer, SortOrder order) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("query", line);
        try {
            SearchResults results = search.search(request(line, viewer, order, false));
            answer.put("hits", results.hits().stream().map(SearchCommand::hitJson).toList());
            if (results.relaxed()) {
                answer.put("relaxedTerms", results.relaxedTerms());
                answer.put("notice", results.notice());
            }
        } catch (QueryInvalid e) {
            // One bad line does not end the batch: the line says what is wrong with it.
            answer.put("hits", List.of());
            answer.put("error", e.getMessage());
        }
        return answer;
    }

    static Map<String, Object> hitJson(Hit hit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", hit.id());
        json.put("kind", hit.kind().name());
        json.put("type", hit.type());
        json.put("title", hit.title());
        json.put("number", hit.number());
        json.put("source", hit.source());
        json.put("score", hit.score());
        json.put("snippet", hit.snippet().marked("【", "】"));
        json.put("date", hit.date().map(Object::toString).orElse(""));
        json.put("issuingUnit", hit.issuingUnit());
        json.put("instrumentId", hit.instrumentId());
        return json;
    }

    private void printText(PrintWriter out, SearchResults results) {
        if (results.relaxed()) {
            out.println(results.notice());
        }
        out.printf("共 %d 条 (hits)%n", results.total());
        int rank = offset;
        for (Hit hit : results.hits()) {
            rank++;
            out.printf("%n%d. %s  [%s %s]%s%n", rank, hit.title(), hit.kind().name().toLowerCase(Locale.ROOT),
                    hit.type(), hit.number().isEmpty() ? "" : "  " + hit.number());
            out.printf("   id %s%s%s  score %.2f%n", hit.id(), hit.source().isEmpty() ? "" : "  source " + hit.source(),
                    hit.date().map(d -> "  " + d).orElse(""), hit.score());
            if (!hit.snippet().text().isEmpty()) {
                out.println("   " + hit.snippet().marked("【", "】"));
            }
        }
        results.facets().forEach((dimension, counts) -> {
            if (!counts.isEmpty()) {
                out.printf("%n%s: ", dimension);
                out.println(String.join("  ", counts.stream().limit(10)
                        .map(c -> c.value() + " " + c.count()).toList()));
            }
        });
    }

    private void printSimilar(PrintWriter out, List<Precedent> precedents) {
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Precedent p : precedents) {
                Map<String, Object> hit = hitJson(p.hit());
                hit.put("sharedTerms", p.sharedTerms());
                list.add(hit);
            }
            out.println(JSON.writeValueAsString(Map.of("similarTo", similar, "hits", list)));
            return;
        }
        if (precedents.isEmpty()) {
            out.println("没有找到类似记录 (no similar records, or no record " + similar + " you may see)");
        }
        int rank = 0;
        for (Precedent p : precedents) {
            out.printf("%d. %s  [%s]  id %s%n   共同词语 (shared): %s%n", ++rank, p.hit().title(), p.hit().type(),
                    p.hit().id(), String.join("、", p.sharedTerms()));
        }
    }
}
