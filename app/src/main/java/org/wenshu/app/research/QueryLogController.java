package org.wenshu.app.research;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenshu.app.pages.PageController;

/**
 * 检索日志 (ADMIN, under {@code /admin/**}): the searches that found nothing, most frequent first, and the latest
 * searches with those that found nothing on top, filterable by text, for reviewing what users look for in vain.
 */
@Controller
public class QueryLogController implements PageController {

    static final int LIMIT = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final QueryLog queryLog;
    private final ZoneId zone;

    public QueryLogController(QueryLog queryLog, @Value("${wenshu.archive.zone:Asia/Shanghai}") ZoneId zone) {
        this.queryLog = queryLog;
        this.zone = zone;
    }

    /** A row of the page: times already formatted in the archive's zone. */
    public record Row(String query, long results, long elapsedMillis, String at, String channel) {
    }

    /** An empty-result query of the page. */
    public record EmptyRow(String query, long times, String last, String searchHref) {
    }

    @GetMapping("/admin/queries")
    public String queries(@RequestParam(defaultValue = "") String text,
                          @RequestParam(defaultValue = "false") String empty, Model model) {
        boolean emptyOnly = "true".equals(empty) || "on".equals(empty);
        String filter = text.length() > 100 ? text.substring(0, 100) : text;
        long[] counts = queryLog.counts();
        model.addAttribute("text", filter);
        model.addAttribute("emptyOnly", emptyOnly);
        model.addAttribute("total", counts[0]);
        model.addAttribute("emptyTotal", counts[1]);
        model.addAttribute("keep", QueryLog.KEEP);
        model.addAttribute("emptyQueries", queryLog.emptyQueries(filter, LIMIT).stream()
                .map(q -> new EmptyRow(q.query(), q.times(), TIME.format(q.last().atZone(zone)),
                        FacetView.search(q.query(), "relevance", 1)))
                .toList());
        model.addAttribute("rows", queryLog.recent(filter, emptyOnly, LIMIT).stream()
                .map(e -> new Row(e.query(), e.results(), e.elapsedMillis(), TIME.format(e.at().atZone(zone)),
                        e.channel() == QueryLog.Channel.PAGE ? "页面" : "API"))
                .toList());
        return "research/queries";
    }
}
