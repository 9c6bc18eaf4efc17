package org.wenshu.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Closing the sentence model while vectors are being made: running calls finish, later calls are refused. */
class BgeSmallZhEmbedderTests {

    private static final Path MODELS = Path.of(System.getProperty("java.io.tmpdir"), "wenshu-test-models");

    @Test
    void closingWaitsForRunningCallsAndLaterCallsAreRefused() throws Exception {
        BgeSmallZhEmbedder embedder = BgeSmallZhEmbedder.load(MODELS);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch started = new CountDownLatch(2);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            workers.add(threads.submit(() -> {
                int made = 0;
                started.countDown();
                try {
                    while (true) {
                        float[] vector = embedder.embedPassage("各成员单位应当建立府检联动线索移送台账，按月通报办理情况。");
                        assertThat(vector).hasSize(512);
                        made++;
                    }
                } catch (IllegalStateException closed) {
                    assertThat(closed).hasMessageContaining("closed");
                    return made;
                }
            }));
        }
        started.await();
        Thread.sleep(300);

        embedder.close();

        for (Future<Integer> worker : workers) {
            assertThat(worker.get(30, TimeUnit.SECONDS)).isPositive();
        }
        threads.shutdown();
        assertThatThrownBy(() -> embedder.embedQuery("检察建议")).isInstanceOf(IllegalStateException.class);
        embedder.close();
    }

    @Test
    void aLazyModelClosedBeforeItsFirstUseNeverLoads() {
        SentenceEmbedder lazy = BgeSmallZhEmbedder.lazy(MODELS);
        lazy.close();

        assertThatThrownBy(() -> lazy.embedQuery("检察建议")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
