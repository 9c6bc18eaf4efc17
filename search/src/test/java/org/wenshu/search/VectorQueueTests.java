package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.wenshu.search.semantic.SentenceEmbedder;

class VectorQueueTests {

    private final AtomicInteger embedded = new AtomicInteger();

    private final SentenceEmbedder embedder = new SentenceEmbedder() {
        @Override
        public String model() {
            return "test";
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public float[] embedPassage(String passage) {
            embedded.incrementAndGet();
            return new float[] {1, 0};
        }

        @Override
        public float[] embedQuery(String query) {
            return new float[] {1, 0};
        }

        @Override
        public void close() {
        }
    };

    private static IndexedRecord record(String id) {
        return IndexedRecord.builder(id, RecordKind.INSTRUMENT).title("关于加强校园食品安全管理的检察建议")
                .body("经审查发现，部分学校食堂存在食品安全隐患。").build();
    }

    @Test
    void closeLetsTheRecordInHandFinishWithoutInterruptingIt() throws Exception {
        // The sink writes into Lucene's IndexWriter: an interrupt there closes NIO channels a merge still uses.
        CountDownLatch applying = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        VectorQueue queue = new VectorQueue(embedder, (record, sequence, vectors) -> {
            applying.countDown();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < end) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted.set(true);
                }
            }
            finished.set(true);
        }, 1);
        queue.submit(record("r-1"), 1);
        assertThat(applying.await(10, TimeUnit.SECONDS)).isTrue();

        queue.close();

        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
    }

    @Test
    void closeWakesWorkersWaitingForAHoldAndEmbedsNothingMore() {
        VectorQueue queue = new VectorQueue(embedder, (record, sequence, vectors) -> { }, 2);
        queue.hold();
        for (int i = 0; i < 5; i++) {
            queue.submit(record("r-" + i), i);
        }
        long start = System.nanoTime();

        queue.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(embedded).hasValue(0);
    }
}
