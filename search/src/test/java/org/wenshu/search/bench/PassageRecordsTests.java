package org.wenshu.search.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wenshu.search.IndexedRecord;
import org.wenshu.search.imports.TextExtraction;
import org.wenshu.search.semantic.Passages;

/** Synthetic records of real passages: every passage a record is cut into is a passage of an embedded text. */
class PassageRecordsTests {

    static final Path SAMPLE = Path.of("src/test/resources/relevance/laws-sample");
    static final List<String> titles = new ArrayList<>();
    static final List<String> bodies = new ArrayList<>();

    @BeforeAll
    static void readSample() throws IOException {
        TextExtraction extraction = new TextExtraction();
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().limit(40).toList()) {
                TextExtraction.Extracted text = extraction.extract(Files.readAllBytes(file), "text/markdown",
                        file.getFileName().toString());
                titles.add(text.title());
                bodies.add(text.text());
            }
        }
        assertThat(titles).hasSize(40);
    }

    @Test
    void everyPassageOfEveryRecordIsAnEmbeddedPassageOfASourceText() {
        Set<String> embedded = new HashSet<>();
        for (int i = 0; i < titles.size(); i++) {
            embedded.addAll(Passages.of(titles.get(i), bodies.get(i)));
        }

        PassageRecords records = new PassageRecords(titles, bodies, embedded::contains);

        int longest = 0;
        for (int i = 0; i < 2_000; i++) {
            IndexedRecord record = records.record(i);
            List<String> cut = Passages.of(record.title(), record.body());
            assertThat(embedded).as("passages of record %d", i).containsAll(cut);
            longest = Math.max(longest, cut.size());
        }
        assertThat(longest).as("records of several passages, not only single ones").isEqualTo(4);
        assertThat(records.passages()).isSubsetOf(embedded);
        assertThat(records.skipped()).isZero();
    }

    @Test
    void aTextWithAPassageNotEmbeddedIsNeverUsed() {
        int left = 3;
        Set<String> embedded = new HashSet<>();
        for (int i = 0; i < titles.size(); i++) {
            List<String> cut = Passages.of(titles.get(i), bodies.get(i));
            embedded.addAll(i == left ? cut.subList(0, cut.size() - 1) : cut);
        }
        assertThat(Passages.of(titles.get(left), bodies.get(left))).hasSizeGreaterThan(1);

        PassageRecords records = new PassageRecords(titles, bodies, embedded::contains);

        assertThat(records.skipped()).isEqualTo(1);
        for (int i = 0; i < 2_000; i++) {
            IndexedRecord record = records.record(i);
            assertThat(record.title()).isNotEqualTo(titles.get(left));
            assertThat(embedded).containsAll(Passages.of(record.title(), record.body()));
        }
    }

    @Test
    void aRecordIsAFunctionOfItsNumber() {
        PassageRecords records = new PassageRecords(titles, bodies, passage -> true);

        IndexedRecord first = records.record(77);
        IndexedRecord again = records.record(77);

        assertThat(again.title()).isEqualTo(first.title());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.issuingUnit()).isEqualTo(first.issuingUnit());
        assertThat(records.record(78).id()).isEqualTo("syn-78");
    }

    @Test
    void refusesWhenNoTextIsEmbedded() {
        assertThatThrownBy(() -> new PassageRecords(titles, bodies, passage -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fill the vector cache");
    }
}
