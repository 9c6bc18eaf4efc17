package org.wenshu.search.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.wenshu.search.query.ParsedQuery.Clause;
import org.wenshu.search.query.ParsedQuery.DateRange;
import org.wenshu.search.query.ParsedQuery.Filter;
import org.wenshu.search.query.ParsedQuery.Phrase;
import org.wenshu.search.query.ParsedQuery.Words;

/**
 * The query language researchers type (检索语法): words, {@code "exact phrases"} (also “…”), {@code -excluded},
 * {@code OR}, and filters {@code type:}, {@code unit:}, {@code domain:}, {@code status:}, {@code kind:},
 * {@code number:}, {@code instrument:} (the responses to one instrument, by its record id), {@code year:2024}
 * (or {@code year:2020..2024}) and {@code date:2024-01-01..2024-06-30} (either end may be left open). Words separated by spaces must all match; {@code OR} (or {@code ||}) joins its
 * neighbours, {@code AND} (or {@code &&}) says what a space says, and {@code NOT x} is {@code -x}. The operators
 * are recognised in capitals only: {@code and}, {@code or} and {@code not} are searched as words.
 */
public final class QueryLanguage {

    /** Longest query accepted, in characters. */
    public static final int MAX_LENGTH = 1000;
    /** Fields that take a keyword value. */
    public static final Set<String> KEYWORD_FIELDS = Set.of("type", "unit", "domain", "status", "kind", "number",
            "instrument");
    /** The names of {@code org.wenshu.search.RecordKind} (not imported: this package stays below it). */
    private static final Set<String> KINDS = Set.of("INSTRUMENT", "RESPONSE", "REFERENCE", "LEAD",
            "TRACKED_ITEM", "PROGRESS_REPORT");
    private static final String KNOWN_FIELDS = "type, unit, domain, status, kind, number, instrument, year, date";
    /** Operator words, in capitals as typed; {@code &&} and {@code ||} are their symbols. */
    private static final List<String> OPERATORS = List.of("AND", "OR", "NOT");

    private final String input;
    private int at;

    private QueryLanguage(String input) {
        this.input = input;
    }

    /** Parses {@code query}; throws {@link QueryInvalid} saying what is wrong and where. */
    public static ParsedQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw new QueryInvalid("查询为空 (empty query)", -1);
        }
        if (query.length() > MAX_LENGTH) {
            throw new QueryInvalid("查询过长 (query too long): " + query.length() + " characters, at most "
                    + MAX_LENGTH, MAX_LENGTH);
        }
        return new QueryLanguage(query).parse();
    }

    private ParsedQuery parse() {
        checkCharacters();
        List<List<Clause>> groups = new ArrayList<>();
        String pending = null;
        int pendingAt = -1;
        while (true) {
            skipSpace();
            if (at >= input.length()) {
                break;
            }
            int start = at;
            String operator = operatorAt();
            if (operator != null) {
                String name = operatorName(operator);
                if (pending != null) {
                    throw new QueryInvalid(name + " 前面缺少检索词 (" + name + " needs a term before it, found "
                            + pending + ")", start);
                }
                if (!name.equals("NOT") && groups.isEmpty()) {
                    throw new QueryInvalid(name + " 前面缺少检索词 (" + name + " needs a term before it)", start);
                }
                if (name.equals("OR") && groups.get(groups.size() - 1).stream().anyMatch(Clause::excluded)) {
                    throw new QueryInvalid("排除词不能与 OR 连用 (an -excluded term cannot be part of OR)", start);
                }
                at += operator.length();
                pending = operator;
                pendingAt = start;
                continue;
            }
            Clause clause = clause();
            if (clause == null) {
                continue;
            }
            String name = pending == null ? "" : operatorName(pending);
            pending = null;
            if (name.equals("NOT")) {
                if (clause.excluded()) {
                    throw new QueryInvalid("NOT 后面的词已带减号 (NOT before an -excluded term: use one of them)",
                            start);
                }
                clause = excluded(clause);
            }
            if (name.equals("OR")) {
                if (clause.excluded()) {
                    throw new QueryInvalid("排除词不能与 OR 连用 (an -excluded term cannot be part of OR)", start);
                }
                groups.get(groups.size() - 1).add(clause);
            } else {
                List<Clause> group = new ArrayList<>();
                group.add(clause);
                groups.add(group);
            }
        }
        if (pending != null) {
            throw new QueryInvalid(operatorName(pending) + " 后面缺少检索词 (" + operatorName(pending)
                    + " needs a term after it)", pendingAt);
        }
        if (groups.isEmpty()) {
            throw new QueryInvalid("查询中没有可检索的字词 (nothing searchable: only punctuation or symbols)", -1);
        }
        if (groups.stream().flatMap(List::stream).allMatch(Clause::excluded)) {
            throw new QueryInvalid("查询只有排除条件 (only -excluded terms: say what to look for as well)", -1);
        }
        return new ParsedQuery(groups);
    }

    /** The operator at the cursor ({@code AND OR NOT} standing alone, {@code && ||} anywhere), or null. */
    private String operatorAt() {
        if (input.startsWith("&&", at) || input.startsWith("||", at)) {
            return input.substring(at, at + 2);
        }
        for (String word : OPERATORS) {
            int end = at + word.length();
            if (input.startsWith(word, at) && (end == input.length() || isSpace(input.charAt(end))
                    || isOpeningQuote(input.charAt(end)))) {
                return word;
            }
        }
        return null;
    }

    private static String operatorName(String operator) {
        return switch (operator) {
            case "&&" -> "AND";
            case "||" -> "OR";
            default -> operator;
        };
    }

    private static Clause excluded(Clause clause) {
        if (clause instanceof Words w) {
            return new Words(w.text(), true);
        }
        if (clause instanceof Phrase p) {
            return new Phrase(p.text(), true);
        }
        if (clause instanceof Filter f) {
            return new Filter(f.field(), f.value(), true);
        }
        DateRange d = (DateRange) clause;
        return new DateRange(d.from(), d.to(), true);
    }

    private void checkCharacters() {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < input.length() && Character.isLowSurrogate(input.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new QueryInvalid("无效字符 (broken Unicode: unpaired surrogate)", i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new QueryInvalid("无效字符 (broken Unicode: unpaired surrogate)", i);
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                throw new QueryInvalid(String.format("不允许控制字符 (control character U+%04X)", (int) c), i);
            }
        }
    }

    private Clause clause() {
        int start = at;
        boolean excluded = false;
        if (input.charAt(at) == '-') {
            excluded = true;
            at++;
            if (at >= input.length() || isSpace(input.charAt(at))) {
                throw new QueryInvalid("单独的减号 (a lone '-': write -词 with no space to exclude a word)", start);
            }
            if (input.charAt(at) == '-') {
                throw new QueryInvalid("重复的减号 (double '--')", start);
            }
        }
        char c = input.charAt(at);
        if (isOpeningQuote(c)) {
            return new Phrase(quoted(), excluded);
        }
        int fieldEnd = fieldNameEnd();
        if (fieldEnd > 0) {
            return fieldClause(input.substring(at, fieldEnd).toLowerCase(Locale.ROOT), fieldEnd, excluded);
        }
        int end = at;
        while (end < input.length() && !isSpace(input.charAt(end)) && !isOpeningQuote(input.charAt(end))
                && input.charAt(end) != '”' && input.charAt(end) != '」' && !input.startsWith("&&", end)
                && !input.startsWith("||", end)) {
            end++;
        }
        String word = input.substring(at, end);
        at = end;
        if (word.codePoints().noneMatch(Character::isLetterOrDigit)) {
            if (excluded) {
                throw new QueryInvalid("排除的内容没有可检索的字词 (nothing searchable after '-')", start);
            }
            return null;
        }
        return new Words(word, excluded);
    }

    /** End of {@code name} when the text at the cursor reads {@code name:}, with name in ASCII letters; else -1. */
    private int fieldNameEnd() {
        int i = at;
        while (i < input.length() && (input.charAt(i) < 128 && Character.isLetter(input.charAt(i)))) {
            i++;
        }
        return i > at && i < input.length() && input.charAt(i) == ':' ? i : -1;
    }

    private Clause fieldClause(String field, int colon, boolean excluded) {
        int fieldAt = at;
        at = colon + 1;
        String value;
        if (at < input.length() && isOpeningQuote(input.charAt(at))) {
            value = quoted().strip();
        } else {
            int end = at;
            while (end < input.length() && !isSpace(input.charAt(end))) {
                end++;
            }
            value = input.substring(at, end);
            at = end;
        }
        if (value.isEmpty()) {
            throw new QueryInvalid(field + ": 后面缺少值 (no value after '" + field + ":')", fieldAt);
        }
        return switch (field) {
            case "year" -> yearRange(value, fieldAt, excluded);
            case "date" -> dateRange(value, fieldAt, excluded);
            case "kind" -> {
                String kind = value.toUpperCase(Locale.ROOT);
                if (!KINDS.contains(kind)) {
                    throw new QueryInvalid("未知的种类 (unknown kind '" + value
                            + "': use instrument, response, reference, lead, tracked_item or progress_report)", fieldAt);
                }
                yield new Filter(field, kind, excluded);
            }
            default -> {
                if (!KEYWORD_FIELDS.contains(field)) {
                    throw new QueryInvalid("未知的字段 (unknown field '" + field + ":', known fields: "
                            + KNOWN_FIELDS + ")", fieldAt);
                }
                yield new Filter(field, value, excluded);
            }
        };
    }

    private DateRange yearRange(String value, int position, boolean excluded) {
        String[] ends = splitRange(value, position, "year");
        Integer from = ends[0].isEmpty() ? null : year(ends[0], position);
        Integer to = ends[1] == null ? from : ends[1].isEmpty() ? null : year(ends[1], position);
        if (from != null && to != null && from > to) {
            throw new QueryInvalid("年份范围颠倒 (year range ends before it starts: " + value + ")", position);
        }
        return new DateRange(from == null ? null : LocalDate.of(from, 1, 1),
                to == null ? null : LocalDate.of(to, 12, 31), excluded);
    }

    private DateRange dateRange(String value, int position, boolean excluded) {
        String[] ends = splitRange(value, position, "date");
        LocalDate from = ends[0].isEmpty() ? null : date(ends[0], position);
        LocalDate to = ends[1] == null ? from : ends[1].isEmpty() ? null : date(ends[1], position);
        if (from != null && to != null && from.isAfter(to)) {
            throw new QueryInvalid("日期范围颠倒 (date range ends before it starts: " + value + ")", position);
        }
        return new DateRange(from, to, excluded);
    }

    /** {@code [from, to]} of {@code from..to}; to is null when there is no "..". */
    private static String[] splitRange(String value, int position, String field) {
        int dots = value.indexOf("..");
        if (dots < 0) {
            return new String[] {value, null};
        }
        String from = value.substring(0, dots);
        String to = value.substring(dots + 2);
        if (to.contains("..")) {
            throw new QueryInvalid(field + ": 只能有一个范围 (more than one '..' in '" + value + "')", position);
        }
        if (from.isEmpty() && to.isEmpty()) {
            throw new QueryInvalid(field + ": 范围两端都为空 (range '..' needs at least one end)", position);
        }
        return new String[] {from, to};
    }

    private static int year(String text, int position) {
        if (!text.matches("[0-9]{4}")) {
            throw new QueryInvalid("年份应为四位数字 (year must be four digits like 2024, not '" + text + "')",
                    position);
        }
        return Integer.parseInt(text);
    }

    private static LocalDate date(String text, int position) {
        if (!text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw new QueryInvalid("日期格式应为 YYYY-MM-DD (date must look like 2024-01-31, not '" + text + "')",
                    position);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new QueryInvalid("不存在的日期 (no such date: " + text + ")", position);
        }
    }

    /** Reads a quoted string at the cursor and returns its content. */
    private String quoted() {
        int start = at;
        char open = input.charAt(at);
        char close = open == '“' ? '”' : open == '「' ? '」' : '"';
        int end = input.indexOf(close, at + 1);
        if (end < 0) {
            throw new QueryInvalid("引号不成对 (unbalanced quote: no closing " + close + ")", start);
        }
        String content = input.substring(at + 1, end);
        at = end + 1;
        if (content.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new QueryInvalid("引号中没有可检索的字词 (empty phrase)", start);
        }
        return content;
    }

    private static boolean isOpeningQuote(char c) {
        return c == '"' || c == '“' || c == '「';
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.getType(c) == Character.SPACE_SEPARATOR
                || Character.getType(c) == Character.FORMAT;
    }

    private void skipSpace() {
        while (at < input.length() && isSpace(input.charAt(at))) {
            at++;
        }
        if (at >= input.length()) {
            return;
        }
        // A closing quote where no phrase is open: the user typed one quote too many.
        if (at < input.length() && (input.charAt(at) == '”' || input.charAt(at) == '」')) {
            throw new QueryInvalid("引号不成对 (unbalanced quote: closing quote without an opening one)", at);
        }
    }
}
