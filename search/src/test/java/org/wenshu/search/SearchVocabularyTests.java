package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches that find what the user means: normalised characters, the legal vocabulary, and no empty page. */
class SearchVocabularyTests {

    @TempDir
    Path home;

    LuceneRecordIndex index;

    @BeforeEach
    void open() {
        index = LuceneRecordIndex.open(home.resolve("index"), RecordSource.empty());
        index.index(reference("loans", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定",
                "为正确审理民间借贷纠纷案件，根据《中华人民共和国民法典》等法律规定，制定本规定。", 2020));
        index.index(reference("defaulters", "最高人民法院关于公布失信被执行人名单信息的若干规定",
                "被执行人未履行生效法律文书确定的义务，并具有下列情形之一的，人民法院应当将其纳入失信被执行人名单。", 2017));
        index.index(reference("drunk", "关于办理醉酒危险驾驶刑事案件的意见",
                "在道路上驾驶机动车，血液酒精含量达到80毫克/100毫升以上的，属于醉酒驾驶机动车。", 2023));
        index.index(reference("storage", "仓储场所消防安全管理通则",
                "仓储场所应当落实消防安全责任制，保持疏散通道畅通。本通则自2024年1月1日起施行。", 2024));
        index.index(reference("water", "饮用水水源保护区污染防治管理规定",
                "禁止在饮用水水源保护区内设置排污口。", 2010));
        index.refresh();
    }

    @AfterEach
    void close() {
        index.close();
    }

    static IndexedRecord reference(String id, String title, String body, int year) {
        return IndexedRecord.builder(id, RecordKind.REFERENCE).type("司法解释").title(title).body(body)
                .source(id + ".md").date(LocalDate.of(year, 1, 1)).access(Access.open()).build();
    }

    SearchResults search(String query) {
        return index.search(SearchRequest.of(query, Viewer.researcher(), 10));
    }

    List<String> ids(String query) {
        return search(query).hits().stream().map(Hit::id).toList();
    }

    @Nested
    class Normalisation {

        @Test
        void traditionalCharactersFindSimplifiedText() {
            assertThat(ids("倉儲 消防")).containsExactly("storage");
            assertThat(ids("\"倉儲場所\"")).containsExactly("storage");
        }

        @Test
        void fullWidthDigitsFindAsciiDigits() {
            assertThat(ids("\"２０２４年１月１日\"")).containsExactly("storage");
        }

        @Test
        void snippetsShowTheTextAsWrittenWhileMatchingItsFoldedForm() {
            Hit hit = search("倉儲").hits().get(0);

            assertThat(hit.snippet().matchedTexts()).contains("仓储");
        }
    }

    @Nested
    class Vocabulary {

        @Test
        void anAbbreviationFindsTheFullName() {
            assertThat(ids("最高法 民间借贷")).first().isEqualTo("loans");
        }

        @Test
        void theProcuratoratesShortFormFindsItsRules() {
            index.index(reference("civil-supervision", "人民检察院民事诉讼监督规则",
                    "最高人民检察院制定本规则。人民检察院依法对民事诉讼实行法律监督。", 2021));
            for (int i = 1; i <= 5; i++) {
                index.index(reference("raise-" + i, "关于提高检察机关办案质量的意见（" + i + "）",
                        "提高检察机关民事诉讼监督质量，完善监督规则。", 2020));
            }
            index.refresh();

            // 高检 is printed by none of these texts: alone it would match only 提高检察 (a bigram it shares), five times.
            assertThat(ids("高检 民事诉讼监督规则")).first().isEqualTo("civil-supervision");
        }

        @Test
        void aKindOfDocumentTheTitleDoesNotUseStillFindsTheRecord() {
            // The user says 解释; the title says 规定.
            assertThat(ids("民间借贷 解释")).first().isEqualTo("loans");
        }

        @Test
        void aColloquialWordFindsTheLegalTerm() {
            assertThat(ids("老赖 名单")).first().isEqualTo("defaulters");
            assertThat(ids("醉驾")).first().isEqualTo("drunk");
        }

        @Test
        void aYearTheTextNeverPrintsDoesNotEmptyThePage() {
            assertThat(ids("民间借贷 2021")).containsExactly("loans");
        }

        @Test
        void aQuotedPhraseNoRecordContainsFindsNothing() {
            SearchResults results = search("\"民间借贷老赖\"");

            assertThat(results.hits()).isEmpty();
            assertThat(results.relaxed()).isFalse();
        }

        @Test
        void operatorsJoinWordsInsteadOfBeingSearched() {
            assertThat(ids("仓储 AND 消防")).containsExactly("storage");
            assertThat(ids("仓储 && 消防")).containsExactly("storage");
            assertThat(ids("排污口 OR 仓储")).containsExactlyInAnyOrder("storage", "water");
            assertThat(ids("消防 NOT 仓储")).isEmpty();
        }
    }

    @Nested
    class Versions {

        @BeforeEach
        void versions() {
            // The older version says 行政复议 more often: by words alone it ranks first.
            index.index(reference("review-2017", "中华人民共和国行政复议法",
                    "行政复议机关办理行政复议案件。行政复议期间具体行政行为不停止执行。行政复议决定书。", 2017));
            index.index(reference("review-2023", "中华人民共和国行政复议法",
                    "行政复议机关依照本法履行行政复议职责。", 2023));
            index.refresh();
        }

        @Test
        void theVersionsOfOneTextAreListedNewestFirstInThePlacesTheyHold() {
            index.commit();
            try (RecordSearch inRankOrder = LuceneRecordIndex.openReadOnly(home.resolve("index"),
                    org.wenshu.search.query.Ranking.standard().withNewestVersionsFirst(false))) {
                assertThat(inRankOrder.search(SearchRequest.of("行政复议法", Viewer.researcher(), 10)).hits())
                        .extracting(Hit::id).containsExactly("review-2017", "review-2023");
            }

            assertThat(ids("行政复议法")).containsExactly("review-2023", "review-2017");
        }

        @Test
        void aYearInTheQueryPutsTheVersionOfThatYearFirst() {
            assertThat(ids("行政复议法 2017")).first().isEqualTo("review-2017");
            assertThat(ids("行政复议法 2017年修正")).first().isEqualTo("review-2017");
            // By words alone the 2017 version ranks first (see above); the year named puts 2023 before it.
            assertThat(ids("行政复议法 2023")).startsWith("review-2023", "review-2017");
            assertThat(ids("2023年修订 行政复议法")).startsWith("review-2023", "review-2017");
        }

        @Test
        void aYearNoVersionCarriesKeepsTheRankOrder() {
            assertThat(ids("行政复议法 2020")).startsWith("review-2017", "review-2023");
        }

        @Test
        void aTrialEditionIsAVersionOfTheTextThatReplacedIt() {
            index.index(reference("rules-2012", "人民检察院刑事诉讼规则（试行）",
                    "人民检察院办理刑事案件。刑事诉讼规则。人民检察院刑事诉讼规则。", 2012));
            index.index(reference("rules-2019", "人民检察院刑事诉讼规则", "人民检察院办理刑事案件的规则。", 2019));
            index.refresh();
            index.commit();
            try (RecordSearch inRankOrder = LuceneRecordIndex.openReadOnly(home.resolve("index"),
                    org.wenshu.search.query.Ranking.standard().withNewestVersionsFirst(false))) {
                assertThat(inRankOrder.search(SearchRequest.of("刑事诉讼规则", Viewer.researcher(), 10)).hits())
                        .extracting(Hit::id).startsWith("rules-2012", "rules-2019");
            }

            assertThat(ids("刑事诉讼规则")).startsWith("rules-2019", "rules-2012");
            assertThat(ids("刑事诉讼规则 2012")).startsWith("rules-2012", "rules-2019");
            // Named in full, the trial edition is what the user asks for.
            assertThat(ids("人民检察院刑事诉讼规则（试行）")).startsWith("rules-2012", "rules-2019");
            assertThat(ids("人民检察院刑事诉讼规则")).startsWith("rules-2019", "rules-2012");
        }

        @Test
        void instrumentsWithOneTitleAreNotVersions() {
            for (int year : new int[] {2021, 2024}) {
                index.index(IndexedRecord.builder("notice-" + year, RecordKind.INSTRUMENT).type("联席会议通知")
                        .title("关于召开府检联动联席会议的通知")
                        .body(year == 2021 ? "府检联动联席会议，联席会议议程。" : "府检联动会议。").source(year + ".pdf")
                        .date(LocalDate.of(year, 3, 1)).access(Access.open()).build());
            }
            index.refresh();

            assertThat(ids("联席会议 通知")).containsSubsequence("notice-2021", "notice-2024");
        }
    }

    @Nested
    class ExactTitle {

        @BeforeEach
        void lawAndItsRegulation() {
            // The regulation names the law more often and is shorter: by words alone it ranks first.
            index.index(reference("food-law", "中华人民共和国食品安全法",
                    "为了保证食品安全，保障公众身体健康和生命安全，制定本法。食品生产经营者对其生产经营食品的安全负责。", 2021));
            index.index(reference("food-rules", "中华人民共和国食品安全法实施条例",
                    "根据《中华人民共和国食品安全法》制定本条例。依照食品安全法的规定。", 2019));
            index.refresh();
        }

        @Test
        void aQueryThatIsARecordsWholeTitlePutsThatRecordFirst() {
            index.commit();
            try (RecordSearch inRankOrder = LuceneRecordIndex.openReadOnly(home.resolve("index"),
                    org.wenshu.search.query.Ranking.standard().withExactTitleFirst(false))) {
                assertThat(inRankOrder.search(SearchRequest.of("食品安全法", Viewer.researcher(), 10)).hits())
                        .extracting(Hit::id).startsWith("food-rules", "food-law");
            }

            assertThat(ids("食品安全法")).startsWith("food-law", "food-rules");
            assertThat(ids("中华人民共和国食品安全法")).startsWith("food-law", "food-rules");
            assertThat(ids("《食品安全法》")).startsWith("food-law", "food-rules");
            assertThat(ids("食品安全法 2021")).startsWith("food-law", "food-rules");
            assertThat(ids("食品安全法 实施条例")).first().isEqualTo("food-rules");
            // 新 asks for the law as last revised: still the law, not its regulation.
            assertThat(ids("新食品安全法")).first().isEqualTo("food-law");
            assertThat(ids("最新食品安全法")).first().isEqualTo("food-law");
        }

        @Test
        void aPartOfATitleOrADateOrderIsNotAnExactTitle() {
            index.commit();
            try (RecordSearch inRankOrder = LuceneRecordIndex.openReadOnly(home.resolve("index"),
                    org.wenshu.search.query.Ranking.standard().withExactTitleFirst(false))) {
                for (String query : List.of("食品安全", "安全法 食品", "\"食品安全法\"", "食品安全法 OR 公众")) {
                    assertThat(ids(query)).as(query).containsExactlyElementsOf(inRankOrder.search(
                            SearchRequest.of(query, Viewer.researcher(), 10)).hits().stream().map(Hit::id).toList());
                }
            }
            SearchResults newest = index.search(new SearchRequest("食品安全法", Viewer.researcher(), SortOrder.NEWEST,
                    0, 10, false));
            assertThat(newest.hits()).extracting(Hit::id).containsSubsequence("food-law", "food-rules");
            SearchResults oldest = index.search(new SearchRequest("食品安全法", Viewer.researcher(), SortOrder.OLDEST,
                    0, 10, false));
            assertThat(oldest.hits()).extracting(Hit::id).containsSubsequence("food-rules", "food-law");
        }
    }

    @Nested
    class KindWords {

        @BeforeEach
        void anOmnibusDecision() {
            // The decision prints 司法解释 in its title and names the interpretation in its text: by words alone it
            // ranks first for 民间借贷 司法解释, though the interpretation ("loans") is titled 规定.
            index.index(reference("omnibus", "最高人民法院关于修改《关于在民事审判工作中适用〈工会法〉若干问题的解释》等二十七件民事类司法解释的决定",
                    "修改《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》。民间借贷司法解释。司法解释修改。", 2020));
            index.refresh();
        }

        @Test
        void aKindWordRanksEveryTextOfThatKindAlike() {
            index.commit();
            try (RecordSearch asAnyWord = LuceneRecordIndex.openReadOnly(home.resolve("index"),
                    org.wenshu.search.query.Ranking.standard().withKindWeight(0f))) {
                assertThat(asAnyWord.search(SearchRequest.of("民间借贷 司法解释", Viewer.researcher(), 10)).hits())
                        .extracting(Hit::id).first().isEqualTo("omnibus");
            }

            assertThat(ids("民间借贷 司法解释")).first().isEqualTo("loans");
            assertThat(ids("民间借贷 规定")).first().isEqualTo("loans");
        }

        @Test
        void aKindWordAloneStillFindsWhatItMatches() {
            SearchResults kind = search("司法解释");
            assertThat(kind.hits()).extracting(Hit::id).contains("omnibus", "loans");
            assertThat(kind.total()).isEqualTo(kind.hits().size());
        }

        @Test
        void aNegativeOrInfiniteKindWeightIsRefused() {
            var standard = org.wenshu.search.query.Ranking.standard();
            for (float bad : new float[] {-1f, Float.NaN, Float.POSITIVE_INFINITY}) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> standard.withKindWeight(bad))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kindWeight");
            }
        }
    }

    @Nested
    class SeriesNumbers {

        @BeforeEach
        void aSeriesOfInterpretationsAndAmendments() {
            // The fourth prints 公司法解释 in its text: by words alone it ranks first for any number.
            index.index(reference("company-2", "最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（二）",
                    "依据公司法，人民法院审理公司解散和清算案件。", 2020));
            index.index(reference("company-3", "最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（三）",
                    "依据公司法，公司设立、出资、股权确认。", 2020));
            index.index(reference("company-4", "最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（四）",
                    "依据公司法，股东请求查阅公司文件。本规定与此前的公司法解释一并适用。", 2020));
            for (String n : new String[] {"九", "十", "十一"}) {
                index.index(reference("amendment-" + n, "中华人民共和国刑法修正案（" + n + "）",
                        "对刑法作如下修改。" + ("九".equals(n) ? "刑法修正案。刑法修正案。" : ""), 2015));
            }
            index.refresh();
        }

        @Test
        void aNumberAfterAKindOfDocumentIsTheNumberOfTheSeries() {
            index.commit();
            try (RecordSearch withoutNumbers = LuceneRecordIndex.openReadOnly(home.resolve("index"),
                    org.wenshu.search.query.Ranking.standard().withSeriesNumbers(false))) {
                assertThat(withoutNumbers.search(SearchRequest.of("公司法解释三", Viewer.researcher(), 10)).hits())
                        .extracting(Hit::id).first().isNotEqualTo("company-3");
                assertThat(withoutNumbers.search(SearchRequest.of("刑法修正案11", Viewer.researcher(), 10)).hits())
                        .extracting(Hit::id).first().isNotEqualTo("amendment-十一");
            }

            for (String query : List.of("公司法解释三", "公司法司法解释（三）", "公司法规定3", "公司法 解释三", "公司法 解释３")) {
                assertThat(ids(query)).as(query).first().isEqualTo("company-3");
            }
            assertThat(ids("公司法解释二")).first().isEqualTo("company-2");
            assertThat(ids("刑法修正案11")).first().isEqualTo("amendment-十一");
            assertThat(ids("刑法修正案十一")).first().isEqualTo("amendment-十一");
            assertThat(ids("刑法修正案（九）")).first().isEqualTo("amendment-九");
        }

        @Test
        void theNumberRanksButMatchesNothingTheWordsDoNot() {
            // 刑法修正案（三） shares nothing with 公司法解释 but its number.
            index.index(reference("amendment-三", "中华人民共和国刑法修正案（三）", "对刑法作如下修改。", 2001));
            index.refresh();

            for (String query : List.of("公司法解释三", "公司法 解释三", "解释三")) {
                SearchResults plain = index.search(new SearchRequest(query, Viewer.researcher(), SortOrder.RELEVANCE,
                        0, 50, false));
                SearchResults faceted = index.search(new SearchRequest(query, Viewer.researcher(),
                        SortOrder.RELEVANCE, 0, 50, true));
                assertThat(plain.hits()).as(query).extracting(Hit::id).doesNotContain("amendment-三");
                assertThat(plain.total()).as(query).isEqualTo(faceted.total()).isEqualTo(plain.hits().size());
            }
        }

        @Test
        void pagesPastTheReorderedHitsNeitherRepeatNorSkip() {
            for (int i = 0; i < 30; i++) {
                index.index(reference("other-" + i, "关于公司登记管理的规定（" + (i % 2 == 0 ? "二" : "四") + "）",
                        "公司法规定的登记事项。".repeat(1 + i % 3), 2000 + i % 20));
            }
            index.refresh();

            List<String> all = index.search(new SearchRequest("公司法解释三", Viewer.researcher(), SortOrder.RELEVANCE,
                    0, 40, false)).hits().stream().map(Hit::id).toList();
            List<String> paged = new java.util.ArrayList<>();
            for (int offset = 0; offset < 40; offset += 10) {
                index.search(new SearchRequest("公司法解释三", Viewer.researcher(), SortOrder.RELEVANCE, offset, 10,
                        false)).hits().forEach(h -> paged.add(h.id()));
            }
            assertThat(all).hasSizeGreaterThan(30).first().isEqualTo("company-3");
            assertThat(paged).containsExactlyElementsOf(all);
        }

        @Test
        void aQuotedPhraseIsNotReadAsASeries() {
            assertThat(search("\"公司法解释三\"").hits()).isEmpty();
        }
    }

    @Nested
    class NoEmptyPage {

        @Test
        void aWordNoRecordContainsIsLeftOutAndNamed() {
            SearchResults results = search("民间借贷 量子纠缠");

            assertThat(results.hits()).extracting(Hit::id).containsExactly("loans");
            assertThat(results.relaxedTerms()).containsExactly("量子纠缠");
            assertThat(results.notice()).isEqualTo("未找到“量子纠缠”，已显示包含其余词语的结果");
        }

        @Test
        void wordsFoundOnlyApartShowRecordsWithMostOfThem() {
            SearchResults results = search("排污口 消防 民间借贷");

            assertThat(results.hits()).extracting(Hit::id).containsExactlyInAnyOrder("water", "storage", "loans");
            assertThat(results.notice()).contains("没有同时包含全部词语的结果");
        }

        @Test
        void aSearchAnsweredAsTypedSaysNothing() {
            SearchResults results = search("民间借贷");

            assertThat(results.relaxed()).isFalse();
            assertThat(results.notice()).isEmpty();
        }

        @Test
        void aFewRecordsWithEveryWordAreJoinedByThoseWithAllButOne() {
            index.index(reference("fine", "饮用水水源违法排污处罚办法", "在饮用水水源保护区内设置排污口的，处以罚款。", 2021));
            index.refresh();

            SearchResults results = search("饮用水 排污口 罚款");

            assertThat(results.hits()).extracting(Hit::id).containsExactly("fine", "water");
            assertThat(results.relaxedTerms()).containsExactly("饮用水", "排污口", "罚款");
            assertThat(results.notice())
                    .isEqualTo("同时包含“饮用水”“排污口”“罚款”的结果只有 1 条，已补充包含其中至少 2 个词语的结果");
        }

        @Test
        void theThresholdOfOneWidensOnlyASearchThatFindsNothing() {
            index.index(reference("fine", "饮用水水源违法排污处罚办法", "在饮用水水源保护区内设置排污口的，处以罚款。", 2021));
            index.commit();
            try (RecordSearch strict = LuceneRecordIndex.openReadOnly(home.resolve("index"),
                    org.wenshu.search.query.Ranking.standard().withRelaxBelow(1))) {
                SearchResults results = strict.search(SearchRequest.of("饮用水 排污口 罚款", Viewer.researcher(), 10));

                assertThat(results.hits()).extracting(Hit::id).containsExactly("fine");
                assertThat(results.relaxed()).isFalse();
            }
        }

        @Test
        void aSearchSortedByDateIsNotWidenedLestItsFewFullMatchesBeLost() {
            index.index(reference("fine", "饮用水水源违法排污处罚办法", "在饮用水水源保护区内设置排污口的，处以罚款。", 2021));
            index.refresh();

            SearchResults results = index.search(new SearchRequest("饮用水 排污口 罚款", Viewer.researcher(),
                    SortOrder.NEWEST, 0, 10, true));

            assertThat(results.hits()).extracting(Hit::id).containsExactly("fine");
            assertThat(results.relaxed()).isFalse();
        }

        @Test
        void widenedAndCountedOnlyOverWhatTheViewerMaySee() {
            index.index(reference("fine", "饮用水水源违法排污处罚办法", "在饮用水水源保护区内设置排污口的，处以罚款。", 2021));
            index.index(IndexedRecord.builder("hidden", RecordKind.INSTRUMENT).type("检察建议书").title("关于饮用水水源排污口的检察建议")
                    .body("饮用水水源保护区内设置排污口，应当处以罚款。").source("hidden.pdf").date(LocalDate.of(2022, 1, 1))
                    .access(Access.restricted(java.util.Set.of("市生态环境局"))).build());
            index.index(IndexedRecord.builder("hidden-part", RecordKind.INSTRUMENT).type("检察建议书").title("关于饮用水的检察建议")
                    .body("饮用水水源保护区内设置排污口。").source("hidden-part.pdf").date(LocalDate.of(2022, 1, 1))
                    .access(Access.restricted(java.util.Set.of("市生态环境局"))).build());
            index.refresh();

            SearchResults agency = index.search(SearchRequest.of("饮用水 排污口 罚款", Viewer.agency("市水利局"), 10));

            assertThat(agency.hits()).extracting(Hit::id).containsExactly("fine", "water");
            assertThat(agency.total()).isEqualTo(2);
            assertThat(agency.notice()).contains("只有 1 条");

            SearchResults owner = index.search(SearchRequest.of("饮用水 排污口 罚款", Viewer.agency("市生态环境局"), 10));

            assertThat(owner.hits()).extracting(Hit::id).containsExactlyInAnyOrder("fine", "hidden", "water",
                    "hidden-part");
            assertThat(owner.notice()).contains("只有 2 条");
        }

        @Test
        void aWordNoRecordContainsIsLeftOutBeforeTheRestIsWidened() {
            index.index(reference("fine", "饮用水水源违法排污处罚办法", "在饮用水水源保护区内设置排污口的，处以罚款。", 2021));
            index.refresh();

            SearchResults results = search("饮用水 排污口 罚款 量子纠缠");

            assertThat(results.hits()).extracting(Hit::id).containsExactly("fine", "water");
            assertThat(results.relaxedTerms()).containsExactly("量子纠缠", "饮用水", "排污口", "罚款");
            assertThat(results.notice()).isEqualTo(
                    "未找到“量子纠缠”；同时包含“饮用水”“排污口”“罚款”的结果只有 1 条，已补充包含其中至少 2 个词语的结果");
        }

        @Test
        void enoughRecordsWithEveryWordAreNotWidened() {
            for (int i = 0; i < 5; i++) {
                index.index(reference("fine" + i, "饮用水水源违法排污处罚办法（" + i + "）",
                        "在饮用水水源保护区内设置排污口的，处以罚款。", 2021));
            }
            index.refresh();

            SearchResults results = search("饮用水 排污口 罚款");

            assertThat(results.hits()).hasSize(5).extracting(Hit::id).doesNotContain("water");
            assertThat(results.relaxed()).isFalse();
        }

        @Test
        void widenedSearchesKeepTheirPhrasesAndFilters() {
            index.index(reference("fine", "饮用水水源违法排污处罚办法", "在饮用水水源保护区内设置排污口的，处以罚款。", 2021));
            index.index(reference("tap", "城市供水条例", "污染饮用水的，处以罚款。", 2020));
            index.refresh();

            assertThat(ids("\"排污口\" 饮用水 罚款")).containsExactly("fine", "water");
            assertThat(ids("排污口 饮用水 罚款 year:2021")).containsExactly("fine");
            assertThat(ids("排污口 饮用水 罚款 -城市")).containsExactly("fine", "water");
        }

        @Test
        void phrasesAndFiltersNeverRelax() {
            assertThat(search("\"量子纠缠\" 民间借贷").hits()).isEmpty();
            assertThat(search("民间借贷 量子纠缠 type:行政法规").hits()).isEmpty();
            assertThat(search("民间借贷 量子纠缠 year:2030").hits()).isEmpty();
        }
    }
}
