package org.wenshu.app.research;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.archive.RecordNotFound;
import org.wenshu.search.Hit;
import org.wenshu.search.Precedent;
import org.wenshu.search.RecordKind;
import org.wenshu.search.RecordSearch;
import org.wenshu.search.RecordText;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.SearchResults;
import org.wenshu.search.SortOrder;

/**
 * 检索与类案: the use cases of the search page and its API twin — search in the query language, read a record's
 * text, find similar precedents (类案) of a record or of a pasted passage — each limited to what the user may find
 * ({@link InstrumentAccess#viewer}). Every search is written to the {@link QueryLog}. Records the user may not find
 * are {@link RecordNotFound}, exactly as unknown ones, so that ids reveal nothing.
 */
public final class Research {

    /** Longest pasted passage accepted for similar records, in characters. */
    public static final int MAX_PASSAGE_LENGTH = 10_000;
    /** Similar records listed per request. */
    public static final int SIMILAR_LIMIT = 10;
    /** Responses listed on an instrument's reading page. */
    static final int RESPONSES_LIMIT = 50;

    private final RecordSearch search;
    private final InstrumentAccess access;
    private final QueryLog queryLog;

    public Research(RecordSearch search, InstrumentAccess access, QueryLog queryLog) {
        this.search = search;
        this.access = access;
        this.queryLog = queryLog;
    }

    /**
     * Runs {@code query} for {@code user} and logs it (query, total, elapsed milliseconds; not the user).
     *
     * @throws org.wenshu.search.query.QueryInvalid when the query cannot be parsed (not logged)
     */
    public SearchResults search(WenshuUser user, String query, SortOrder sort, int offset, int limit,
                                QueryLog.Channel channel) {
        long start = System.nanoTime();
        SearchResults results = search.search(new SearchRequest(query, access.viewer(user), sort, offset, limit, true));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        queryLog.record(query, results.total(), elapsed, channel);
        return results;
    }

    /**
     * The whole text of record {@code id} as the index holds it.
     *
     * @throws RecordNotFound when there is no such record or {@code user} may not find it
     */
    public RecordText read(WenshuUser user, String id) {
        return search.text(id, access.viewer(user)).orElseThrow(() -> new RecordNotFound(id));
    }

    /** The responses to instrument {@code instrumentId} that {@code user} may find, newest first (not logged). */
    public List<Hit> responsesTo(WenshuUser user, String instrumentId) {
        if (instrumentId.isBlank() || instrumentId.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"')) {
            return List.of();
        }
        return search.search(new SearchRequest("instrument:" + instrumentId + " kind:response", access.viewer(user),
                SortOrder.NEWEST, 0, RESPONSES_LIMIT, false)).hits();
    }

    /**
     * Records similar to record {@code id} with the terms they share with it, best first.
     *
     * @throws RecordNotFound when there is no such record or {@code user} may not find it
     */
    public Similar similarTo(WenshuUser user, String id) {
        RecordText source = read(user, id);
        return new Similar(Optional.of(source),
                search.similarTo(id, access.viewer(user), Set.of(), SIMILAR_LIMIT));
    }

    /**
     * Records similar to a pasted {@code text} (a draft, a case description), best first.
     *
     * @throws IllegalArgumentException when {@link #passageProblem} finds one; validate first
     */
    public Similar similarToText(WenshuUser user, String text) {
        passageProblem(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new Similar(Optional.empty(),
                search.similarToText(text, access.viewer(user), Set.<RecordKind>of(), SIMILAR_LIMIT));
    }

    /** What is wrong with a pasted passage, in Chinese, if anything: empty, too long or without any word. */
    public static Optional<String> passageProblem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("请粘贴一段文字（例如检察建议草稿或案情描述）");
        }
        if (text.length() > MAX_PASSAGE_LENGTH) {
            return Optional.of("文字过长：" + text.length() + " 字，最多 " + MAX_PASSAGE_LENGTH + " 字");
        }
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return Optional.of("文字中没有可比对的字词");
        }
        return Optional.empty();
    }

    /** The sort order named {@code relevance}, {@code date} or {@code newest}, or {@code oldest}. */
    public static Optional<SortOrder> sortOf(String name) {
        return switch (name == null ? "" : name) {
            case "relevance" -> Optional.of(SortOrder.RELEVANCE);
            case "date", "newest" -> Optional.of(SortOrder.NEWEST);
            case "oldest" -> Optional.of(SortOrder.OLDEST);
            default -> Optional.empty();
        };
    }

    /**
     * Similar records (类案) and what they were found for.
     *
     * @param source     the record they are similar to; empty for a pasted passage
     * @param precedents the similar records with their shared terms, best first
     */
    public record Similar(Optional<RecordText> source, List<Precedent> precedents) {
    }
}
