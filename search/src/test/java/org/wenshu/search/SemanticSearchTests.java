package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenshu.search.query.Ranking;
import org.wenshu.search.semantic.SentenceEmbedder;

/** Hybrid retrieval: records found by meaning through their passage vectors, within the viewer's access. */
class SemanticSearchTests {

    // Shares no two consecutive characters with the questions below: only meaning can connect them.
    static final String WAGES_TITLE = "用人单位拖欠劳动报酬的处理办法";
    static final String WAGES_BODY = "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。"
            + "用人单位拖欠或者未足额支付劳动报酬的，劳动者可以依法向劳动保障监察机构投诉，或者申请劳动争议仲裁。";
    static final String QUESTION = "老板一直拖着不发薪水怎么办";

    @TempDir
    Path home;

    LuceneRecordIndex index;

    @BeforeEach
    void open() {
        index = LuceneRecordIndex.open(home.resolve("index"), RecordSource.empty(), Ranking.standard(),
                TestModels.embedder());
    }

    @AfterEach
    void close() {
        index.close();
    }

    static IndexedRecord record(String id, String title, String body, Access access) {
        return IndexedRecord.builder(id, RecordKind.INSTRUMENT).type("procuratorial-suggestion").title(title)
                .body(body).issuingUnit("市检察院").domain("劳动保障").status("ISSUED").date(LocalDate.of(2024, 5, 1))
                .access(access).build();
    }

    List<String> ids(String query, Viewer viewer) {
        return index.search(SearchRequest.of(query, viewer, 10)).hits().stream().map(Hit::id).toList();
    }

    @Test
    void recordIsFoundByItsWordsWithinASecondAndByMeaningOnceItsVectorsAreIn() throws Exception {
        // The first search of a JVM loads dictionaries and compiles the model's graph, and the query's vector is
        // kept for the searches that repeat it: what is timed here is the index, not the model.
        assertThat(ids(QUESTION, Viewer.researcher())).isEmpty();
        assertThat(ids("劳动报酬 仲裁", Viewer.researcher())).isEmpty();
        index.index(record("wages", WAGES_TITLE, WAGES_BODY, Access.parties(Set.of("市人社局"))));

        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        List<String> byWords = List.of();
        while (System.nanoTime() < deadline && byWords.isEmpty()) {
            byWords = ids("劳动报酬 仲裁", Viewer.researcher());
            Thread.sleep(20);
        }
        assertThat(byWords).containsExactly("wages");
        assertThat(index.awaitVectors(Duration.ofSeconds(60))).isTrue();

        assertThat(ids(QUESTION, Viewer.researcher())).containsExactly("wages");
    }

    @Test
    void aFewRecordsWithEveryWordAreWidenedBesideTheDenseSideToo() {
        index.index(record("wages", WAGES_TITLE, WAGES_BODY, Access.open()));
        index.index(record("arbitration", "劳动争议仲裁办案规则", "劳动争议仲裁委员会处理劳动报酬争议，应当先行调解。",
                Access.open()));
        assertThat(index.awaitVectors(Duration.ofSeconds(60))).isTrue();

        SearchResults results = index.search(SearchRequest.of("劳动报酬 仲裁 投诉", Viewer.researcher(), 10));

        assertThat(results.hits()).extracting(Hit::id).containsExactly("wages", "arbitration");
        assertThat(results.notice()).isEqualTo("同时包含“劳动报酬”“仲裁”“投诉”的结果只有 1 条，已补充包含其中至少 2 个词语的结果");
        assertThat(results.relaxedTerms()).containsExactly("劳动报酬", "仲裁", "投诉");
    }

    @Test
    void agencyUsersNeverSeeAnotherUnitsRecordThroughTheDenseSide() {
        index.index(record("theirs", WAGES_TITLE, WAGES_BODY, Access.restricted(Set.of("市人社局"))));
        index.index(record("ours", "关于校园周边食品安全的检察建议", "校园周边流动摊贩销售无证食品，存在食品安全隐患。",
                Access.restricted(Set.of("市教育局"))));
        assertThat(index.awaitVectors(Duration.ofSeconds(60))).isTrue();

        SearchResults agency = index.search(SearchRequest.of(QUESTION, Viewer.agency("市教育局"), 10));
        SearchResults owner = index.search(SearchRequest.of(QUESTION, Viewer.agency("市人社局"), 10));

        assertThat(agency.hits()).extracting(Hit::id).doesNotContain("theirs");
        assertThat(agency.total()).isEqualTo(agency.hits().size());
        assertThat(agency.facets().getOrDefault("unit", List.of()))
                .noneMatch(count -> count.value().equals("市人社局"));
        assertThat(owner.hits()).extracting(Hit::id).containsExactly("theirs");
    }

    @Test
    void quotedPhrasesAndFiltersConstrainTheDenseSide() {
        index.index(record("wages", WAGES_TITLE, WAGES_BODY, Access.parties(Set.of("市人社局"))));
        assertThat(index.awaitVectors(Duration.ofSeconds(60))).isTrue();

        assertThat(ids(QUESTION + " \"量子纠缠\"", Viewer.researcher())).isEmpty();
        assertThat(ids(QUESTION + " type:meeting-notice", Viewer.researcher())).isEmpty();
        assertThat(ids(QUESTION + " -劳动者", Viewer.researcher())).isEmpty();
        assertThat(ids(QUESTION + " type:procuratorial-suggestion", Viewer.researcher())).containsExactly("wages");
    }

    @Test
    void aRecordWrittenAgainKeepsBeingFoundByMeaningAndDeletedRecordsAreGoneFromBothSides() {
        index.index(record("wages", WAGES_TITLE, WAGES_BODY, Access.parties(Set.of("市人社局"))));
        assertThat(index.awaitVectors(Duration.ofSeconds(60))).isTrue();
        index.index(record("wages", WAGES_TITLE + "（修订）", WAGES_BODY, Access.parties(Set.of("市人社局"))));
        assertThat(index.awaitVectors(Duration.ofSeconds(60))).isTrue();

        assertThat(ids(QUESTION, Viewer.researcher())).containsExactly("wages");
        assertThat(index.size()).isEqualTo(1);

        index.delete("wages");
        index.refresh();

        assertThat(ids(QUESTION, Viewer.researcher())).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void manySearchesAtOnceAnswerExactlyAsOneAtATime() throws Exception {
        index.index(record("wages", WAGES_TITLE, WAGES_BODY, Access.parties(Set.of("市人社局"))));
        index.index(record("school", "关于校园周边食品安全的检察建议", "校园周边流动摊贩销售无证食品，存在食品安全隐患。",
                Access.restricted(Set.of("市教育局"))));
        index.index(record("river", "关于督促整治河道非法采砂的检察建议", "河道内存在非法采砂行为，破坏河床和堤防安全。",
                Access.parties(Set.of("市水利局"))));
        assertThat(index.awaitVectors(Duration.ofSeconds(60))).isTrue();
        List<String> queries = List.of(QUESTION, "学校门口小摊卖的东西安全吗", "有人在河里偷偷挖沙", "劳动报酬 仲裁",
                QUESTION + " type:procuratorial-suggestion", "\"食品安全\"");
        List<Viewer> viewers = List.of(Viewer.researcher(), Viewer.agency("市教育局"), Viewer.agency("市水利局"));
        Map<String, SearchResults> alone = new java.util.HashMap<>();
        for (String query : queries) {
            for (Viewer viewer : viewers) {
                alone.put(query + viewer, index.search(SearchRequest.of(query, viewer, 10)));
            }
        }

        // Far more searches at once than the index's pool has threads and queue: some dense sides are run by
        // their callers, none is lost or mixed up with another search's.
        ExecutorService users = Executors.newFixedThreadPool(24);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (String query : queries) {
                    for (Viewer viewer : viewers) {
                        running.add(users.submit(() -> {
                            SearchResults results = index.search(SearchRequest.of(query, viewer, 10));
                            SearchResults expected = alone.get(query + viewer);
                            assertThat(results.hits()).extracting(Hit::id)
                                    .containsExactlyElementsOf(expected.hits().stream().map(Hit::id).toList());
                            assertThat(results.total()).isEqualTo(expected.total());
                            assertThat(results.facets()).isEqualTo(expected.facets());
                            return null;
                        }));
                    }
                }
            }
            for (Future<?> search : running) {
                search.get();
            }
        } finally {
            users.shutdownNow();
        }
        assertThat(alone.get(QUESTION + Viewer.researcher()).hits()).extracting(Hit::id).startsWith("wages");
    }

    @Test
    void aModelThatFailsFailsTheSearchAndLeavesTheIndexWorking() {
        SentenceEmbedder model = TestModels.embedder();
        SentenceEmbedder failing = new SentenceEmbedder() {
            @Override
            public String model() {
                return model.model();
            }

            @Override
            public int dimensions() {
                return model.dimensions();
            }

            @Override
            public float[] embedPassage(String passage) {
                return model.embedPassage(passage);
            }

            @Override
            public float[] embedQuery(String query) {
                if (query.contains("故障")) {
                    throw new IllegalStateException("the sentence model is closed");
                }
                return model.embedQuery(query);
            }

            @Override
            public void close() {
            }
        };
        index.close();
        index = LuceneRecordIndex.open(home.resolve("index"), RecordSource.empty(), Ranking.standard(), failing);
        index.index(record("wages", WAGES_TITLE, WAGES_BODY, Access.parties(Set.of("市人社局"))));
        assertThat(index.awaitVectors(Duration.ofSeconds(60))).isTrue();

        // The dense side fails beside a word side that has its answer: the search fails with the model's error (not
        // a page without meaning that looks complete), and the index keeps answering.
        assertThatThrownBy(() -> ids("劳动报酬 故障", Viewer.researcher()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sentence model is closed");
        assertThat(ids(QUESTION, Viewer.researcher())).containsExactly("wages");
    }
}
