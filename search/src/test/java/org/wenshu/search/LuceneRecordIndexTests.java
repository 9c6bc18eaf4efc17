package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenshu.search.query.QueryInvalid;

class LuceneRecordIndexTests {

    @TempDir
    Path home;

    LuceneRecordIndex index;

    @BeforeEach
    void open() {
        index = LuceneRecordIndex.open(home.resolve("index"), RecordSource.empty());
    }

    @AfterEach
    void close() {
        index.close();
    }

    static IndexedRecord instrument(String id, String unitFrom, String unitTo, String title, String body,
            LocalDate date) {
        return IndexedRecord.builder(id, RecordKind.INSTRUMENT)
                .type("procuratorial-suggestion").number("沪检建〔" + date.getYear() + "〕" + id + "号")
                .title(title).body(body).issuingUnit(unitFrom).recipientUnits(List.of(unitTo))
                .domain("食品药品安全").status("ISSUED").date(date).build();
    }

    SearchResults search(String query) {
        return index.search(SearchRequest.of(query, Viewer.administrator(), 10));
    }

    List<String> ids(SearchResults results) {
        return results.hits().stream().map(Hit::id).toList();
    }

    @Nested
    class ExactPhrases {

        @Test
        void exactPhraseNeverMatchesTheCharactersSeparatedByPunctuation() {
            index.index(instrument("1", "市检察院", "市市场监管局", "关于食品安全的检察建议", "本院依法提出检察建议，请整改。",
                    LocalDate.of(2024, 3, 1)));
            index.index(instrument("2", "市检察院", "市市场监管局", "工作通报", "依法履行检察，建议有关单位整改。",
                    LocalDate.of(2024, 3, 2)));
            index.index(instrument("3", "市检察院", "市市场监管局", "工作通报", "加强检察。建议书另行送达。",
                    LocalDate.of(2024, 3, 3)));
            index.index(instrument("4", "市检察院", "市市场监管局", "工作通报", "检察、建议、整改",
                    LocalDate.of(2024, 3, 4)));
            index.refresh();

            SearchResults results = search("\"检察建议\"");

            assertThat(ids(results)).containsExactly("1");
            assertThat(results.total()).isEqualTo(1);
            assertThat(results.hits().get(0).snippet().matchedTexts()).contains("检察建议");
        }

        @Test
        void wordsWithoutQuotesStillFindSeparatedCharacters() {
            index.index(instrument("2", "市检察院", "市市场监管局", "工作通报", "依法履行检察，建议有关单位整改。",
                    LocalDate.of(2024, 3, 2)));
            index.refresh();

            assertThat(ids(search("检察建议"))).containsExactly("2");
        }
    }

    @Nested
    class AccessControl {

        @BeforeEach
        void records() {
            index.index(instrument("police-1", "市检察院", "市公安局", "关于电动车充电安全的检察建议",
                    "电动车充电隐患突出，建议公安机关加强消防检查。", LocalDate.of(2024, 1, 5)));
            index.index(instrument("edu-1", "市检察院", "市教育局", "关于校园周边电动车安全的检察建议",
                    "校园周边电动车违规充电，建议教育部门开展安全教育。", LocalDate.of(2024, 2, 5)));
            index.index(IndexedRecord.builder("secret-1", RecordKind.INSTRUMENT).type("procuratorial-opinion")
                    .title("电动车案件检察意见").body("电动车案件涉密内容。").issuingUnit("市检察院")
                    .access(Access.restricted(Set.of("市检察院"))).date(LocalDate.of(2024, 3, 1)).build());
            index.index(IndexedRecord.builder("law-1", RecordKind.REFERENCE).type("行政法规")
                    .title("电动自行车安全技术规范").body("电动车充电应当符合安全技术规范。").source("行政法规/电动车.md").build());
            index.refresh();
        }

        @Test
        void agencyNeverSeesAnotherUnitsRecordSnippetOrFacetCount() {
            SearchResults results = index.search(SearchRequest.of("电动车", Viewer.agency("市公安局"), 10));

            assertThat(ids(results)).containsExactlyInAnyOrder("police-1", "law-1");
            assertThat(results.total()).isEqualTo(2);
            assertThat(results.hits()).allSatisfy(hit -> assertThat(hit.snippet().text()).doesNotContain("校园", "涉密"));
            assertThat(results.facets().get("unit")).extracting(FacetCount::value)
                    .containsExactlyInAnyOrder("市检察院", "市公安局");
            assertThat(results.facets().get("kind"))
                    .containsExactlyInAnyOrder(new FacetCount("INSTRUMENT", 1), new FacetCount("REFERENCE", 1));
        }

        @Test
        void agencyCannotReachAnotherUnitsRecordByIdFilterOrSimilarity() {
            Viewer police = Viewer.agency("市公安局");

            assertThat(index.find("edu-1", police)).isEmpty();
            assertThat(index.search(SearchRequest.of("unit:市教育局", police, 10)).total()).isZero();
            assertThat(index.similarTo("edu-1", police, Set.of(), 10)).isEmpty();
            assertThat(index.similarTo("police-1", police, Set.of(), 10)).extracting(p -> p.hit().id())
                    .doesNotContain("edu-1", "secret-1");
        }

        @Test
        void researcherSeesEverythingButRestrictedRecords() {
            SearchResults results = index.search(SearchRequest.of("电动车", Viewer.researcher(), 10));

            assertThat(ids(results)).containsExactlyInAnyOrder("police-1", "edu-1", "law-1");
            assertThat(results.facets().get("type")).extracting(FacetCount::value)
                    .doesNotContain("procuratorial-opinion");
        }

        @Test
        void facetDimensionsComeInTheIndexOrderEveryRun() {
            SearchResults results = index.search(SearchRequest.of("电动车", Viewer.researcher(), 10));

            // The text output prints the map in its order: kind, type, unit ... on every run, not a JVM's hash order.
            assertThat(List.copyOf(results.facets().keySet())).hasSizeGreaterThanOrEqualTo(4)
                    .isEqualTo(java.util.Arrays.stream(RecordDocuments.DIMENSIONS)
                            .filter(results.facets()::containsKey).toList());
            Map<String, List<FacetCount>> many = new java.util.LinkedHashMap<>();
            for (String dimension : List.of("kind", "type", "unit", "domain", "year", "status", "a", "b", "c", "d")) {
                many.put(dimension, List.of());
            }
            assertThat(new SearchResults(0, List.of(), many).facets().keySet())
                    .containsExactly("kind", "type", "unit", "domain", "year", "status", "a", "b", "c", "d");
        }

        @Test
        void administratorSeesRestrictedRecords() {
            assertThat(ids(search("电动车"))).contains("secret-1");
        }

        @Test
        void readsTheWholeTextOfAVisibleRecordOnly() {
            Viewer police = Viewer.agency("市公安局");

            RecordText law = index.text("law-1", police).orElseThrow();
            RecordText own = index.text("police-1", police).orElseThrow();

            assertThat(law.body()).isEqualTo("电动车充电应当符合安全技术规范。");
            assertThat(law.hit().kind()).isEqualTo(RecordKind.REFERENCE);
            assertThat(law.hit().source()).isEqualTo("行政法规/电动车.md");
            assertThat(own.recipientUnits()).containsExactly("市公安局");
            assertThat(index.text("edu-1", police)).isEmpty();
            assertThat(index.text("secret-1", Viewer.researcher())).isEmpty();
            assertThat(index.text("no-such-record", Viewer.administrator())).isEmpty();
        }

        @Test
        void findsTheResponsesToAnInstrumentWithinWhatTheViewerMaySee() {
            index.index(IndexedRecord.builder("police-1-reply", RecordKind.RESPONSE).title("关于电动车充电的回复")
                    .body("已开展消防检查。").issuingUnit("市公安局").instrumentId("police-1")
                    .access(Access.parties(Set.of("市检察院", "市公安局"))).date(LocalDate.of(2024, 2, 1)).build());
            index.refresh();

            assertThat(ids(index.search(SearchRequest.of("instrument:police-1", Viewer.agency("市公安局"), 10))))
                    .containsExactly("police-1-reply");
            assertThat(index.search(SearchRequest.of("instrument:police-1", Viewer.agency("市教育局"), 10)).total())
                    .isZero();
        }

        @Test
        void aTrackedItemIsFoundByItsResponsibleUnitsAndItsReportByTheReportingUnitOnly() {
            index.index(IndexedRecord.builder("item-1", RecordKind.TRACKED_ITEM).type("工作要点")
                    .title("开展电动车集中充电点联合检查").body("每季度对电动车集中充电点开展一次联合检查。")
                    .issuingUnit("市司法局").recipientUnits(List.of("市生态环境局")).dueDate(LocalDate.of(2024, 9, 30))
                    .access(Access.restricted(Set.of("市司法局", "市生态环境局"))).date(LocalDate.of(2024, 3, 1)).build());
            index.index(IndexedRecord.builder("report-1", RecordKind.PROGRESS_REPORT).type("工作要点")
                    .title("开展电动车集中充电点联合检查 · 市司法局进展报告").body("已检查电动车集中充电点十二处。")
                    .issuingUnit("市司法局").instrumentId("item-1").status("PENDING")
                    .access(Access.restricted(Set.of("市司法局"))).date(LocalDate.of(2024, 5, 1)).build());
            index.refresh();

            SearchResults lead = index.search(SearchRequest.of("\"集中充电点\"", Viewer.agency("市司法局"), 10));
            SearchResults coUnit = index.search(SearchRequest.of("\"集中充电点\"", Viewer.agency("市生态环境局"), 10));
            SearchResults otherAgency = index.search(SearchRequest.of("电动车", Viewer.agency("市公安局"), 10));
            SearchResults otherKinds = index.search(SearchRequest.of("kind:tracked_item OR kind:progress_report",
                    Viewer.agency("市公安局"), 10));
            SearchResults researcher = index.search(SearchRequest.of("电动车", Viewer.researcher(), 10));
            SearchResults prosecutor = index.search(SearchRequest.of("电动车", Viewer.researcherOf("市检察院"), 10));
            SearchResults office = index.search(SearchRequest.of("kind:tracked_item OR kind:progress_report",
                    Viewer.administrator(), 10));

            assertThat(ids(lead)).containsExactlyInAnyOrder("item-1", "report-1");
            assertThat(lead.facets().get("kind")).containsExactlyInAnyOrder(new FacetCount("TRACKED_ITEM", 1),
                    new FacetCount("PROGRESS_REPORT", 1));
            assertThat(ids(coUnit)).containsExactly("item-1");
            assertThat(coUnit.facets().get("kind")).extracting(FacetCount::value).doesNotContain("PROGRESS_REPORT");
            assertThat(coUnit.hits()).allSatisfy(hit -> assertThat(hit.snippet().text()).doesNotContain("十二处"));
            assertThat(index.find("report-1", Viewer.agency("市生态环境局"))).isEmpty();
            assertThat(ids(otherAgency)).containsExactlyInAnyOrder("police-1", "law-1");
            assertThat(otherAgency.total()).isEqualTo(2);
            assertThat(otherAgency.facets().get("kind")).extracting(FacetCount::value)
                    .doesNotContain("TRACKED_ITEM", "PROGRESS_REPORT");
            assertThat(otherAgency.facets().get("unit")).extracting(FacetCount::value)
                    .doesNotContain("市司法局", "市生态环境局");
            assertThat(otherAgency.hits()).allSatisfy(hit -> assertThat(hit.snippet().text()).doesNotContain("集中充电点"));
            assertThat(otherKinds.total()).isZero();
            assertThat(index.find("item-1", Viewer.agency("市公安局"))).isEmpty();
            assertThat(ids(researcher)).doesNotContain("item-1", "report-1");
            assertThat(ids(prosecutor)).doesNotContain("item-1", "report-1");
            assertThat(ids(office)).containsExactlyInAnyOrder("item-1", "report-1");
            assertThat(office.hits()).filteredOn(hit -> hit.id().equals("report-1"))
                    .singleElement().extracting(Hit::instrumentId).isEqualTo("item-1");
        }

        @Test
        void aLeadIsFoundByItsTwoPartiesAndTheOfficeOnlyInHitsCountsAndFacets() {
            index.index(IndexedRecord.builder("lead-1", RecordKind.LEAD).type("公益诉讼线索")
                    .title("关于电动车集中充电点消防隐患的线索").body("电动车集中充电点未配备消防设施。")
                    .issuingUnit("市司法局").recipientUnits(List.of("市检察院")).domain("安全生产")
                    .access(Access.restricted(Set.of("市司法局", "市检察院"))).date(LocalDate.of(2024, 4, 1)).build());
            index.refresh();

            SearchResults filer = index.search(SearchRequest.of("电动车 kind:lead", Viewer.agency("市司法局"), 10));
            SearchResults receiver = index.search(SearchRequest.of("电动车", Viewer.researcherOf("市检察院"), 10));
            SearchResults otherAgency = index.search(SearchRequest.of("电动车", Viewer.agency("市公安局"), 10));
            SearchResults researcher = index.search(SearchRequest.of("电动车", Viewer.researcher(), 10));
            SearchResults office = index.search(SearchRequest.of("kind:lead", Viewer.administrator(), 10));

            assertThat(ids(filer)).containsExactly("lead-1");
            assertThat(ids(receiver)).contains("lead-1", "police-1", "edu-1", "secret-1");
            assertThat(ids(otherAgency)).doesNotContain("lead-1");
            assertThat(otherAgency.total()).isEqualTo(2);
            assertThat(otherAgency.facets().get("kind")).extracting(FacetCount::value).doesNotContain("LEAD");
            assertThat(otherAgency.facets().get("unit")).extracting(FacetCount::value).doesNotContain("市司法局");
            assertThat(otherAgency.hits()).allSatisfy(hit -> assertThat(hit.snippet().text()).doesNotContain("集中充电点"));
            assertThat(index.find("lead-1", Viewer.agency("市公安局"))).isEmpty();
            assertThat(ids(researcher)).doesNotContain("lead-1");
            assertThat(ids(office)).containsExactly("lead-1");
        }
    }

    @Nested
    class NearRealTime {

        @Test
        void recordIndexedIsFoundWithinOneSecondWithoutCommitOrRefresh() throws Exception {
            index.index(instrument("nrt-1", "市检察院", "市公安局", "关于占道经营的检察建议", "占道经营影响通行。",
                    LocalDate.of(2024, 5, 1)));

            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            List<String> found = List.of();
            while (System.nanoTime() < deadline && found.isEmpty()) {
                found = ids(search("占道经营"));
                Thread.sleep(20);
            }
            assertThat(found).containsExactly("nrt-1");
        }

        @Test
        void recordIndexedDuringABulkLoadIsStillFoundWithinOneSecond() throws Exception {
            try (RecordIndex.BulkLoad load = index.bulkLoad()) {
                load.index(instrument("bulk-1", "市检察院", "市公安局", "关于渣土运输的检察建议", "渣土车沿途抛洒。",
                        LocalDate.of(2024, 5, 1)));
                index.index(instrument("nrt-2", "市检察院", "市公安局", "关于噪声扰民的检察建议", "夜间施工噪声扰民。",
                        LocalDate.of(2024, 5, 2)));

                long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                List<String> found = List.of();
                while (System.nanoTime() < deadline && found.isEmpty()) {
                    found = ids(search("噪声扰民"));
                    Thread.sleep(20);
                }
                assertThat(found).containsExactly("nrt-2");
            }
        }

        @Test
        void recordsOfABulkLoadAreFoundOnceItClosesAndNotAddedThroughItAfterwards() {
            RecordIndex.BulkLoad load = index.bulkLoad();
            load.index(instrument("bulk-2", "市检察院", "市公安局", "关于渣土运输的检察建议", "渣土车沿途抛洒。",
                    LocalDate.of(2024, 5, 1)));
            assertThat(index.contains("bulk-2")).isTrue();

            load.close();

            assertThat(ids(search("渣土抛洒"))).containsExactly("bulk-2");
            assertThatThrownBy(() -> load.index(instrument("bulk-3", "市检察院", "市公安局", "标题", "正文",
                    LocalDate.of(2024, 5, 1)))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }

        @Test
        void responseLinkedToItsInstrumentIsFoundWithinOneSecond() throws Exception {
            index.index(IndexedRecord.builder("resp-1", RecordKind.RESPONSE).type("reply")
                    .title("关于占道经营检察建议的回复").body("我局已开展专项整治，清理占道摊点。").issuingUnit("市城管局")
                    .recipientUnits(List.of("市检察院")).instrumentId("nrt-1").status("ANSWERED")
                    .date(LocalDate.of(2024, 6, 1)).build());

            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            List<Hit> found = List.of();
            while (System.nanoTime() < deadline && found.isEmpty()) {
                found = search("占道摊点").hits();
                Thread.sleep(20);
            }
            assertThat(found).singleElement().satisfies(hit -> {
                assertThat(hit.kind()).isEqualTo(RecordKind.RESPONSE);
                assertThat(hit.instrumentId()).isEqualTo("nrt-1");
            });
        }
    }

    @Nested
    class Results {

        @BeforeEach
        void records() {
            for (int i = 1; i <= 12; i++) {
                index.index(instrument("r" + i, "市检察院", i % 2 == 0 ? "市公安局" : "市教育局",
                        "关于第" + i + "号校园安全问题的检察建议", "校园安全隐患第" + i + "项，建议整改。",
                        LocalDate.of(2020 + i % 5, 1 + i % 12, 10)));
            }
            index.refresh();
        }

        @Test
        void pagesThroughHitsWithoutOverlap() {
            SearchRequest first = SearchRequest.of("校园安全", Viewer.administrator(), 5);

            List<String> page1 = ids(index.search(first));
            List<String> page2 = ids(index.search(first.withPage(5, 5)));
            List<String> page3 = ids(index.search(first.withPage(10, 5)));

            assertThat(page1).hasSize(5);
            assertThat(page2).hasSize(5).doesNotContainAnyElementsOf(page1);
            assertThat(page3).hasSize(2).doesNotContainAnyElementsOf(page1).doesNotContainAnyElementsOf(page2);
        }

        @Test
        void sortsByDateBothWays() {
            SearchRequest request = SearchRequest.of("校园安全", Viewer.administrator(), 12);

            List<LocalDate> newest = index.search(request.withSort(SortOrder.NEWEST)).hits().stream()
                    .map(h -> h.date().orElseThrow()).toList();
            List<LocalDate> oldest = index.search(request.withSort(SortOrder.OLDEST)).hits().stream()
                    .map(h -> h.date().orElseThrow()).toList();

            assertThat(newest).hasSize(12).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(oldest).hasSize(12).isSorted();
        }

        @Test
        void countsFacetsOverAllMatchesNotJustThePage() {
            SearchResults results = index.search(SearchRequest.of("校园安全", Viewer.administrator(), 2));

            assertThat(results.total()).isEqualTo(12);
            assertThat(results.facets().get("unit")).contains(new FacetCount("市公安局", 6),
                    new FacetCount("市教育局", 6), new FacetCount("市检察院", 12));
            assertThat(results.facets().get("year")).extracting(FacetCount::count).containsOnly(2L, 3L);
            assertThat(results.facets().get("domain")).containsExactly(new FacetCount("食品药品安全", 12));
        }

        @Test
        void filtersByUnitYearDateExclusionAndOr() {
            assertThat(search("校园安全 unit:市公安局").total()).isEqualTo(6);
            assertThat(search("校园安全 year:2021").hits()).extracting(h -> h.date().orElseThrow().getYear())
                    .containsOnly(2021);
            assertThat(search("校园安全 date:2021-01-01..2021-12-31").total())
                    .isEqualTo(search("校园安全 year:2021").total());
            assertThat(search("校园安全 -\"第1号\"").total()).isEqualTo(11);
            assertThat(ids(search("\"第3号\" OR \"第4号\""))).containsExactlyInAnyOrder("r3", "r4");
            assertThat(search("type:procuratorial-suggestion status:ISSUED").total()).isEqualTo(12);
        }

        @Test
        void findsARecordByItsDocumentNumber() {
            assertThat(ids(search("沪检建〔2022〕r7号")).get(0)).isEqualTo("r7");
            assertThat(ids(search("number:沪检建〔2022〕r7号"))).containsExactly("r7");
        }

        @Test
        void marksTheMatchedTermsInTheSnippet() {
            Hit hit = search("\"隐患第7项\"").hits().get(0);

            assertThat(hit.snippet().marked("【", "】")).contains("【隐患第7项】");
        }

        @Test
        void reportsAMalformedQueryAsQueryInvalid() {
            assertThatThrownBy(() -> search("校园 date:2024-02-30")).isInstanceOf(QueryInvalid.class)
                    .hasMessageContaining("no such date: 2024-02-30");
        }
    }

    @Nested
    class Similar {

        @Test
        void findsSimilarRecordsWithTheTermsTheyShare() {
            index.index(instrument("a", "市检察院", "市生态环境局", "关于河道污染的检察建议",
                    "河道两岸企业违法排放污水，造成水体污染，鱼类死亡。建议依法查处排污企业，开展河道污染治理。",
                    LocalDate.of(2024, 1, 1)));
            index.index(instrument("b", "区检察院", "区生态环境局", "关于水体污染的检察建议",
                    "辖区企业偷排污水导致河道水体污染，建议查处排污企业并开展污染治理。", LocalDate.of(2024, 2, 1)));
            index.index(instrument("c", "市检察院", "市教育局", "关于校园食品安全的检察建议",
                    "学校食堂食品留样制度落实不到位，建议加强校园食品安全管理。", LocalDate.of(2024, 3, 1)));
            index.index(instrument("d", "市检察院", "市教育局", "关于校园欺凌的检察建议",
                    "校园欺凌事件频发，建议加强学生心理辅导。", LocalDate.of(2024, 3, 1)));
            index.refresh();

            List<Precedent> similar = index.similarTo("a", Viewer.administrator(), Set.of(RecordKind.INSTRUMENT), 3);

            assertThat(similar).isNotEmpty();
            assertThat(similar.get(0).hit().id()).isEqualTo("b");
            assertThat(similar.get(0).sharedTerms()).contains("污染", "河道", "污水");
            assertThat(similar).extracting(p -> p.hit().id()).doesNotContain("a");
        }

        @Test
        void findsSimilarRecordsForPastedText() {
            index.index(instrument("b", "区检察院", "区生态环境局", "关于水体污染的检察建议",
                    "辖区企业偷排污水导致河道水体污染，建议查处排污企业并开展污染治理。", LocalDate.of(2024, 2, 1)));
            index.index(instrument("c", "市检察院", "市教育局", "关于校园食品安全的检察建议",
                    "学校食堂食品留样制度落实不到位，建议加强校园食品安全管理。", LocalDate.of(2024, 3, 1)));
            index.index(instrument("d", "市检察院", "市教育局", "关于校园欺凌的检察建议",
                    "校园欺凌事件频发，建议加强学生心理辅导。", LocalDate.of(2024, 3, 1)));
            index.refresh();

            List<Precedent> similar = index.similarToText("某化工企业向河道排放污水，污染水体。",
                    Viewer.researcher(), Set.of(), 5);

            assertThat(similar).extracting(p -> p.hit().id()).first().isEqualTo("b");
        }
    }

    @Nested
    class Schema {

        @Test
        void rebuildsAnIndexOfAnotherSchemaVersionFromTheSourceBeforeServingIt() throws Exception {
            index.index(instrument("old", "市检察院", "市公安局", "旧索引里的记录", "旧内容。", LocalDate.of(2023, 1, 1)));
            index.commit();
            index.close();
            try (org.apache.lucene.index.IndexWriter writer = new org.apache.lucene.index.IndexWriter(
                    org.apache.lucene.store.FSDirectory.open(home.resolve("index")),
                    new org.apache.lucene.index.IndexWriterConfig())) {
                writer.setLiveCommitData(Map.of("wenshu.search.schema", "0").entrySet());
                writer.commit();
            }
            assertThatThrownBy(() -> LuceneRecordIndex.openReadOnly(home.resolve("index")))
                    .isInstanceOf(IndexSchemaMismatch.class).hasMessageContaining("索引结构 0").hasMessageContaining("wenshu batch reindex");

            index = LuceneRecordIndex.open(home.resolve("index"), sink -> sink.accept(
                    instrument("new", "市检察院", "市公安局", "档案里的记录", "新内容。", LocalDate.of(2024, 1, 1))));

            assertThat(index.size()).isEqualTo(1);
            assertThat(ids(search("记录"))).containsExactly("new");
            try (RecordSearch reader = LuceneRecordIndex.openReadOnly(home.resolve("index"))) {
                assertThat(reader.size()).isEqualTo(1);
            }
        }

        @Test
        void rebuildReplacesEverythingWithTheArchiveContent() {
            index.index(instrument("stray", "市检察院", "市公安局", "档案中已删除", "内容。", LocalDate.of(2023, 1, 1)));

            index.rebuild(sink -> {
                sink.accept(instrument("x", "市检察院", "市公安局", "档案记录甲", "内容甲。", LocalDate.of(2024, 1, 1)));
                sink.accept(instrument("y", "市检察院", "市公安局", "档案记录乙", "内容乙。", LocalDate.of(2024, 1, 2)));
            });

            assertThat(ids(search("kind:instrument"))).containsExactlyInAnyOrder("x", "y");
        }

        @Test
        void readOnlyOpenOfAMissingIndexSaysSo() {
            assertThatThrownBy(() -> LuceneRecordIndex.openReadOnly(home.resolve("nothing")))
                    .isInstanceOf(IndexMissing.class).hasMessageContaining("wenshu batch reindex");
        }
    }
}
