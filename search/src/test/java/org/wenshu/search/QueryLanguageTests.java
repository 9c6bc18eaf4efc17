package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.wenshu.search.query.ParsedQuery;
import org.wenshu.search.query.ParsedQuery.DateRange;
import org.wenshu.search.query.ParsedQuery.Filter;
import org.wenshu.search.query.ParsedQuery.Phrase;
import org.wenshu.search.query.ParsedQuery.Words;
import org.wenshu.search.query.QueryInvalid;
import org.wenshu.search.query.QueryLanguage;

class QueryLanguageTests {

    @ParameterizedTest
    @EnumSource(RecordKind.class)
    void everyRecordKindIsAKindFilterInAnyCase(RecordKind kind) {
        ParsedQuery query = QueryLanguage.parse("kind:" + kind.name().toLowerCase(Locale.ROOT));

        assertThat(query.groups()).containsExactly(List.of(new Filter("kind", kind.name(), false)));
        assertThatThrownBy(() -> QueryLanguage.parse("kind:nothing"))
                .hasMessageContaining(kind.name().toLowerCase(Locale.ROOT));
    }

    @Test
    void parsesWordsPhrasesExclusionsOrAndFilters() {
        ParsedQuery query = QueryLanguage.parse(
                "食品安全 \"检察建议\" -罚款 公益诉讼 OR 行政公益诉讼 type:procuratorial-suggestion unit:市公安局 "
                        + "domain:食品药品安全 status:ISSUED year:2024 date:2024-01-01..2024-06-30 kind:response");

        assertThat(query.groups()).containsExactly(
                List.of(new Words("食品安全", false)),
                List.of(new Phrase("检察建议", false)),
                List.of(new Words("罚款", true)),
                List.of(new Words("公益诉讼", false), new Words("行政公益诉讼", false)),
                List.of(new Filter("type", "procuratorial-suggestion", false)),
                List.of(new Filter("unit", "市公安局", false)),
                List.of(new Filter("domain", "食品药品安全", false)),
                List.of(new Filter("status", "ISSUED", false)),
                List.of(new DateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), false)),
                List.of(new DateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30), false)),
                List.of(new Filter("kind", "RESPONSE", false)));
    }

    @Test
    void readsAndOrNotAndTheirSymbolsAsOperators() {
        ParsedQuery words = QueryLanguage.parse("仓储 AND 消防 OR 安全 NOT 罚款 &&\"检察建议\" 堵塞||拥堵");

        assertThat(words.groups()).containsExactly(
                List.of(new Words("仓储", false)),
                List.of(new Words("消防", false), new Words("安全", false)),
                List.of(new Words("罚款", true)),
                List.of(new Phrase("检察建议", false)),
                List.of(new Words("堵塞", false), new Words("拥堵", false)));
    }

    @Test
    void searchesOperatorWordsInLowerCaseAsWords() {
        assertThat(QueryLanguage.parse("and or not").groups()).containsExactly(
                List.of(new Words("and", false)), List.of(new Words("or", false)), List.of(new Words("not", false)));
    }

    @Test
    void acceptsChineseQuotesOpenRangesAndQuotedFilterValues() {
        ParsedQuery query = QueryLanguage.parse("“检察建议” date:..2023-12-31 year:2020.. unit:\"市 公安局\"");

        assertThat(query.groups()).containsExactly(
                List.of(new Phrase("检察建议", false)),
                List.of(new DateRange(null, LocalDate.of(2023, 12, 31), false)),
                List.of(new DateRange(LocalDate.of(2020, 1, 1), null, false)),
                List.of(new Filter("unit", "市 公安局", false)));
    }

    @Test
    void ignoresWordsOfPunctuationBesideRealTerms() {
        assertThat(QueryLanguage.parse("刑法 ， 民法").groups())
                .containsExactly(List.of(new Words("刑法", false)), List.of(new Words("民法", false)));
    }

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of("\"检察建议", "unbalanced quote"),
                Arguments.of("检察建议\"", "unbalanced quote"),
                Arguments.of("“检察建议", "unbalanced quote"),
                Arguments.of("检察建议” 整改", "closing quote without an opening"),
                Arguments.of("-", "lone '-'"),
                Arguments.of("检察 - 建议", "lone '-'"),
                Arguments.of("--检察", "double '--'"),
                Arguments.of("date:2024-13-01", "no such date: 2024-13-01"),
                Arguments.of("date:2023-02-29", "no such date: 2023-02-29"),
                Arguments.of("date:2024/01/01", "date must look like 2024-01-31"),
                Arguments.of("date:2024-06-30..2024-01-01", "date range ends before it starts"),
                Arguments.of("date:..", "range '..' needs at least one end"),
                Arguments.of("date:2024-01-01..2024-02-01..2024-03-01", "more than one '..'"),
                Arguments.of("year:24", "year must be four digits"),
                Arguments.of("year:二〇二四", "year must be four digits"),
                Arguments.of("year:2025..2020", "year range ends before it starts"),
                Arguments.of("year:", "no value after 'year:'"),
                Arguments.of("unit:", "no value after 'unit:'"),
                Arguments.of("author:张三", "unknown field 'author:'"),
                Arguments.of("kind:letter", "unknown kind 'letter'"),
                Arguments.of("OR 检察", "OR needs a term before it"),
                Arguments.of("检察 OR", "OR needs a term after it"),
                Arguments.of("检察 OR OR 建议", "OR needs a term before it"),
                Arguments.of("检察 OR -建议", "an -excluded term cannot be part of OR"),
                Arguments.of("AND 检察", "AND needs a term before it"),
                Arguments.of("检察 AND", "AND needs a term after it"),
                Arguments.of("检察 &&", "AND needs a term after it"),
                Arguments.of("|| 检察", "OR needs a term before it"),
                Arguments.of("检察 NOT", "NOT needs a term after it"),
                Arguments.of("检察 AND OR 建议", "OR needs a term before it, found AND"),
                Arguments.of("检察 NOT -建议", "NOT before an -excluded term"),
                Arguments.of("检察 OR NOT 建议", "NOT needs a term before it, found OR"),
                Arguments.of("\"\"", "empty phrase"),
                Arguments.of("\"，。\"", "empty phrase"),
                Arguments.of("-检察 -建议", "only -excluded terms"),
                Arguments.of("", "empty query"),
                Arguments.of("   ", "empty query"),
                Arguments.of("，。！", "nothing searchable"),
                Arguments.of("检察\u0000建议", "control character U+0000"),
                Arguments.of("检察\u001b[31m建议", "control character U+001B"),
                Arguments.of("检察\ud800建议", "unpaired surrogate"),
                Arguments.of("检".repeat(10_000), "query too long): 10000 characters, at most 1000"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("malformedQueries")
    void rejectsMalformedQueryWithItsReason(String query, String reason) {
        assertThatThrownBy(() -> QueryLanguage.parse(query))
                .isInstanceOf(QueryInvalid.class)
                .hasMessageContaining(reason)
                .hasMessageStartingWith("查询有误 (invalid query)");
    }

    @Test
    void pointsAtTheCharacterWhereTheProblemStarts() {
        assertThatThrownBy(() -> QueryLanguage.parse("食品 \"检察建议"))
                .isInstanceOf(QueryInvalid.class)
                .hasMessageContaining("at character 4")
                .extracting(e -> ((QueryInvalid) e).position()).isEqualTo(3);
    }
}
