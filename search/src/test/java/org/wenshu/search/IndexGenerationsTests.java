package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new index generation is built in parts beside the live index and swapped in at once. */
class IndexGenerationsTests {

    @TempDir
    Path home;

    private static IndexedRecord record(String id, String title) {
        return IndexedRecord.builder(id, RecordKind.INSTRUMENT).type("meeting-notice").title(title)
                .body(title + "，请各成员单位准时参加。").issuingUnit("市检察院").status("ISSUED")
                .date(LocalDate.of(2024, 3, 1)).build();
    }

    private static long hits(RecordIndex index, String query) {
        return index.search(SearchRequest.of(query, Viewer.researcher(), 10)).total();
    }

    @Test
    void searchesSeeTheOldIndexUntilTheCommittedPartsSwapIn() {
        try (LuceneRecordIndex index = LuceneRecordIndex.open(home.resolve("index"), RecordSource.empty())) {
            index.index(record("old-1", "旧的联席会议通知"));
            index.refresh();
            try (RecordIndex.IndexPart first = index.openPart("g1", "part-0");
                 RecordIndex.IndexPart second = index.openPart("g1", "part-1")) {
                first.index(record("new-1", "新的联席会议通知"));
                first.commit();
                second.index(record("new-2", "新的府检联动会议通知"));
                second.commit();
                second.index(record("uncommitted", "未提交的会议通知"));

                assertThat(hits(index, "旧的")).as("the live index while the generation is built").isEqualTo(1);
                assertThat(hits(index, "新的")).isZero();
            }

            long size = index.replaceWith("g1", () -> index.index(record("during-swap", "交换期间的会议通知")));

            assertThat(size).isEqualTo(3);
            assertThat(hits(index, "旧的")).isZero();
            assertThat(hits(index, "新的")).isEqualTo(2);
            assertThat(hits(index, "交换期间")).isEqualTo(1);
            assertThat(hits(index, "未提交")).as("closing a part drops what it did not commit").isZero();
            assertThat(home.resolve("index-generations")).isEmptyDirectory();
        }
    }

    @Test
    void aReopenedPartKeepsItsCommitsAndReplacesARecordWrittenAgain() {
        try (LuceneRecordIndex index = LuceneRecordIndex.open(home.resolve("index"), RecordSource.empty())) {
            try (RecordIndex.IndexPart part = index.openPart("g2", "part-0")) {
                part.index(record("r-1", "第一次写入的会议通知"));
                part.commit();
            }
            try (RecordIndex.IndexPart part = index.openPart("g2", "part-0")) {
                part.index(record("r-1", "重新写入的会议通知"));
                part.commit();
                assertThat(part.size()).isEqualTo(1);
            }

            index.replaceWith("g2", () -> { });

            assertThat(index.size()).isEqualTo(1);
            assertThat(hits(index, "重新写入")).isEqualTo(1);
        }
    }

    @Test
    void discardsOtherGenerationsAndRefusesUnsafeNamesAndEmptyGenerations() throws Exception {
        try (LuceneRecordIndex index = LuceneRecordIndex.open(home.resolve("index"), RecordSource.empty())) {
            index.openPart("keep", "part-0").close();
            index.openPart("stale", "part-0").close();

            index.discardGenerations(Optional.of("keep"));

            try (var left = Files.list(home.resolve("index-generations"))) {
                assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("keep");
            }
            assertThatThrownBy(() -> index.openPart("../escape", "part-0")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.replaceWith("missing", () -> { })).isInstanceOf(IllegalStateException.class);
        }
    }
}
