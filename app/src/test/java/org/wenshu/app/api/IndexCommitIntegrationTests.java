package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.wenshu.app.api.ApiClient.Reply;
import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordSearch;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.Viewer;

/**
 * A request that changes a record makes the change searchable in the server at once and leaves the index commit
 * (synced files and the applied change sequence) to the server's index follower, which makes it within a second or two (five allowed here for a busy machine).
 */
class IndexCommitIntegrationTests extends ApiIntegrationTest {

    @Test
    void anIssuedRecordIsSearchableInTheServerAndCommittedByTheFollowerWithinSeconds() throws Exception {
        ApiFixture f = fixture();
        Path index = home.resolve("index");
        long appliedBefore = appliedSequence(index);

        Reply issued = api().json("POST", "/api/v1/instruments", f.prosecutor,
                issueBody(suggestion("关于规范湖泊采砂许可监管的检察建议", ApiFixture.UNIT_A)),
                Map.of("Idempotency-Key", "index-commit-1"));

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        RecordIndex serving = server().getBean(RecordIndex.class);
        assertThat(within(2, () -> hits(serving, "湖泊采砂") == 1)).as("found in the serving index").isTrue();
        assertThat(within(5, () -> committedHits(index, "湖泊采砂") == 1)).as("found in the committed index").isTrue();
        assertThat(within(5, () -> appliedSequence(index) > appliedBefore)).as("applied change sequence on disk")
                .isTrue();
    }

    private static long hits(RecordSearch search, String query) {
        return search.search(SearchRequest.of(query, Viewer.administrator(), 10)).total();
    }

    /** What a command line beside the server sees: the last commit only. */
    private static long committedHits(Path index, String query) {
        try (RecordSearch committed = LuceneRecordIndex.openReadOnly(index)) {
            return hits(committed, query);
        }
    }

    private static long appliedSequence(Path index) {
        Path file = index.toAbsolutePath().resolveSibling("index-applied-seq");
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether {@code condition} holds within the given seconds. */
    private static boolean within(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
