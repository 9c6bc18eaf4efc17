package org.wenshu.app.research;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.search.FacetCount;
import org.wenshu.search.Hit;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.SearchResults;
import org.wenshu.search.SortOrder;

/**
 * {@code GET /api/v1/search}: full-text search in the query language of {@code ./wenshu search}, limited — hits,
 * total and facet counts alike — to what the signed-in user may see ({@link InstrumentAccess#viewer}). Every search
 * is written to the {@link QueryLog} (query, total, elapsed time; not the user).
 */
@RestController
@RequestMapping("/api/v1/search")
@Validated
@Tag(name = "检索", description = "全文检索：文书、回复和参考文献")
public class SearchApiController {

    private final Research research;

    public SearchApiController(Research research) {
        this.research = research;
    }

    @GetMapping
    @Operation(summary = "检索", description = "q 使用检索语言（词语、\"短语\"、type:、unit:、year: 等过滤、AND/OR/NOT）；"
            + "结果、总数和分面计数只含当前账号可见的记录。所有词语都找不到，或按相关度排序时同时包含全部词语的记录不足 5 条时，"
            + "放宽为包含大部分词语的结果，并在 notice 中说明（relaxedTerms 为不必全部包含的词语）。")
    public Map<String, Object> search(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                      @RequestParam @NotBlank(message = "缺少检索词 q") @Size(max = 1000, message = "检索词不超过 1000 字") String q,
                                      @RequestParam(defaultValue = "relevance") @Parameter(description = "relevance（相关度）、date 或 newest（日期从新到旧）、oldest（从旧到新）") String sort,
                                      @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                      @RequestParam(defaultValue = "20") @Min(value = 1, message = "size 须在 1–100 之间")
                                      @Max(value = 100, message = "size 须在 1–100 之间") int size) {
        SortOrder order = Research.sortOf(sort).orElseThrow(() -> new org.wenshu.app.api.InputInvalid("sort",
                "排序方式须为 relevance、date、newest 或 oldest"));
        if ((long) (page + 1) * size > SearchRequest.MAX_DEPTH) {
            throw new org.wenshu.app.api.InputInvalid("page", "最多翻到第 " + SearchRequest.MAX_DEPTH + " 条结果");
        }
        SearchResults results = research.search(user, q, order, page * size, size, QueryLog.Channel.API);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", results.total());
        json.put("page", page);
        json.put("size", size);
        json.put("relaxedTerms", results.relaxedTerms());
        json.put("notice", results.notice());
        json.put("hits", results.hits().stream().map(SearchApiController::hit).toList());
        Map<String, Object> facets = new LinkedHashMap<>();
        results.facets().forEach((name, counts) -> facets.put(name, counts.stream().map(SearchApiController::facet).toList()));
        json.put("facets", facets);
        return json;
    }

    /** The JSON shape of a hit, shared with the similar-records API. */
    static Map<String, Object> hit(Hit hit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", hit.id());
        json.put("kind", hit.kind().name());
        json.put("type", hit.type());
        json.put("title", hit.title());
        json.put("number", hit.number());
        json.put("issuingUnit", hit.issuingUnit());
        json.put("domain", hit.domain());
        json.put("status", hit.status());
        json.put("date", hit.date().map(LocalDate::toString).orElse(null));
        json.put("instrumentId", hit.instrumentId().isEmpty() ? null : hit.instrumentId());
        json.put("source", hit.source().isEmpty() ? null : hit.source());
        json.put("score", hit.score());
        json.put("snippet", hit.snippet().text());
        json.put("matches", hit.snippet().matches().stream().map(m -> List.of(m.start(), m.end())).toList());
        return json;
    }

    private static Map<String, Object> facet(FacetCount count) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", count.value());
        json.put("count", count.count());
        return json;
    }
}
