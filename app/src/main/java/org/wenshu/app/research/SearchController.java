package org.wenshu.app.research;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.Instruments;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.RecordNotFound;
import org.wenshu.search.RecordKind;
import org.wenshu.search.RecordText;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.SearchResults;
import org.wenshu.search.SortOrder;
import org.wenshu.search.query.QueryInvalid;
import org.wenshu.templates.InstrumentCatalog;

/**
 * 检索页: one query box in the query language (syntax help beside it, a malformed query explained with its position),
 * hits with highlighted snippets and badges, facets that narrow the query, sorting and paging; a record's reading
 * page with its responses or its instrument; similar precedents (类案) of a record or of a pasted passage; and the
 * reading page of an imported reference text. Everything is limited to what the user may find.
 */
@Controller
public class SearchController implements PageController {

    static final int PAGE_SIZE = 10;
    private static final int MAX_PAGE = SearchRequest.MAX_DEPTH / PAGE_SIZE;

    private final Research research;
    private final Instruments instruments;
    private final Labels labels;

    public SearchController(Research research, Instruments instruments, InstrumentCatalog catalog) {
        this.research = research;
        this.instruments = instruments;
        this.labels = new Labels(catalog);
    }

    /** A malformed query: the message, and the query cut at the position of the problem for showing it. */
    public record QueryError(String message, String before, String at, String after) {

        static QueryError of(String query, QueryInvalid e) {
            int position = e.position();
            if (position < 0 || position > query.length()) {
                return new QueryError(e.reason(), query, "", "");
            }
            int end = position < query.length() ? query.offsetByCodePoints(position, 1) : position;
            return new QueryError("第 " + (position + 1) + " 个字符处：" + e.reason(), query.substring(0, position),
                    position < query.length() ? query.substring(position, end) : " ", query.substring(end));
        }
    }

    /** A link to a page of results. */
    public record PageLink(int number, String href, boolean current) {
    }

    @GetMapping("/search")
    public String search(@AuthenticationPrincipal WenshuUser user, @RequestParam(defaultValue = "") String q,
                         @RequestParam(defaultValue = "relevance") String sort,
                         @RequestParam(defaultValue = "1") String page, HttpServletResponse response, Model model) {
        String order = Research.sortOf(sort).isPresent() ? sort : "relevance";
        model.addAttribute("q", q);
        model.addAttribute("sort", order);
        model.addAttribute("maxPassage", Research.MAX_PASSAGE_LENGTH);
        if (q.isBlank()) {
            return "research/search";
        }
        int current = Math.min(MAX_PAGE, Math.max(1, parsePage(page)));
        SearchResults results;
        try {
            results = research.search(user, q, Research.sortOf(order).orElse(SortOrder.RELEVANCE),
                    (current - 1) * PAGE_SIZE, PAGE_SIZE, QueryLog.Channel.PAGE);
        } catch (QueryInvalid e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", QueryError.of(q, e));
            return "research/search";
        }
        int pages = (int) Math.min(MAX_PAGE, Math.max(1, (results.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        if (current > pages) {
            // A page past the end (an old link, a hand-edited one): the last page instead of an empty one.
            return "redirect:" + FacetView.search(q, order, pages);
        }
        model.addAttribute("results", results);
        model.addAttribute("hits", results.hits().stream().map(h -> HitView.of(h, labels, List.of())).toList());
        model.addAttribute("facets", FacetView.of(results.facets(), q, order, labels));
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("previous", current > 1 ? FacetView.search(q, order, current - 1) : null);
        model.addAttribute("next", current < pages ? FacetView.search(q, order, current + 1) : null);
        model.addAttribute("sorts", Arrays.stream(new String[] {"relevance", "newest", "oldest"})
                .map(s -> new PageLink(0, FacetView.search(q, s, 1), s.equals(order))).toList());
        return "research/search";
    }

    private static int parsePage(String page) {
        try {
            return Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @GetMapping("/search/records/{id}")
    public String record(@AuthenticationPrincipal WenshuUser user, @PathVariable String id, Model model) {
        return reading(user, research.read(user, id), model);
    }

    /** The readable text of a reference imported with {@code ./wenshu import}; other kinds are not found here. */
    @GetMapping("/references/{id}")
    public String reference(@AuthenticationPrincipal WenshuUser user, @PathVariable String id, Model model) {
        RecordText text = research.read(user, id);
        if (text.hit().kind() != RecordKind.REFERENCE) {
            throw new RecordNotFound(id);
        }
        return reading(user, text, model);
    }

    private String reading(WenshuUser user, RecordText text, Model model) {
        model.addAttribute("record", HitView.of(text.hit(), labels, List.of()));
        model.addAttribute("source", text.hit().source());
        model.addAttribute("recipients", String.join("、", text.recipientUnits()));
        model.addAttribute("paragraphs", text.body().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (text.hit().kind() == RecordKind.INSTRUMENT) {
            model.addAttribute("responses", research.responsesTo(user, text.hit().id()).stream()
                    .map(h -> HitView.of(h, labels, List.of())).toList());
        }
        if (text.hit().kind() == RecordKind.RESPONSE && !text.hit().instrumentId().isEmpty()) {
            model.addAttribute("instrumentHref", HitView.href(RecordKind.INSTRUMENT, text.hit().instrumentId()));
        }
        String instrumentId = text.hit().kind() == RecordKind.INSTRUMENT ? text.hit().id() : text.hit().instrumentId();
        if (!instrumentId.isEmpty()) {
            model.addAttribute("workPage", workPage(user, instrumentId));
        }
        return "research/record";
    }

    /** The page where {@code user} works on the instrument (register or inbox), if their role and unit have one. */
    private String workPage(WenshuUser user, String instrumentId) {
        if (user.role() == Role.RESEARCHER) {
            return null;
        }
        try {
            String id = instruments.get(user, instrumentId).id();
            return (user.role() == Role.AGENCY ? "/inbox/" : "/instruments/")
                    + URLEncoder.encode(id, StandardCharsets.UTF_8);
        } catch (RecordNotFound e) {
            return null;
        }
    }

    @GetMapping("/search/similar")
    public String similar(@AuthenticationPrincipal WenshuUser user, @RequestParam String record, Model model) {
        Research.Similar similar = research.similarTo(user, record);
        model.addAttribute("source", HitView.of(similar.source().orElseThrow().hit(), labels, List.of()));
        model.addAttribute("precedents", similar.precedents().stream()
                .map(p -> HitView.of(p.hit(), labels, p.sharedTerms())).toList());
        model.addAttribute("maxPassage", Research.MAX_PASSAGE_LENGTH);
        return "research/similar";
    }

    @PostMapping("/search/similar")
    public String passage(@AuthenticationPrincipal WenshuUser user, @RequestParam(defaultValue = "") String text,
                          HttpServletResponse response, Model model) {
        model.addAttribute("text", text);
        model.addAttribute("maxPassage", Research.MAX_PASSAGE_LENGTH);
        Optional<String> problem = Research.passageProblem(text);
        if (problem.isPresent()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("textError", problem.get());
            return "research/similar";
        }
        model.addAttribute("precedents", research.similarToText(user, text).precedents().stream()
                .map(p -> HitView.of(p.hit(), labels, p.sharedTerms())).toList());
        return "research/similar";
    }
}
