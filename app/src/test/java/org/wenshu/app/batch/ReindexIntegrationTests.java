package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.Viewer;

/**
 * {@code wenshu batch import} loads reference texts; {@code wenshu batch reindex} rebuilds while searches run: none
 * fails, none sees a partial or empty index.
 */
class ReindexIntegrationTests {

    private static final int DOCUMENTS = 150;

    private Path home;
    private InProcessCli cli;
    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-reindex");
        cli = InProcessCli.start(home.resolve("data"), "wenshu.batch.threads=2");
        context = cli.context();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void searchesSeeTheWholeOldIndexUntilTheNewOneSwapsIn() throws Exception {
        Path folder = Files.createDirectories(home.resolve("references"));
        for (int i = 0; i < DOCUMENTS; i++) {
            Files.writeString(folder.resolve("第" + i + "号.md"), "# 行政执法与刑事司法衔接工作规程第" + i + "号\n\n"
                    + "各成员单位应当建立府检联动线索移送台账，按月通报办理情况。本规程编号" + i + "。\n".repeat(20));
        }
        Run imported = cli.run("batch", "import", "dir=" + folder);
        assertThat(imported.exitCode()).as(imported.printed()).isZero();
        assertThat(imported.out()).contains("已完成 COMPLETED", DOCUMENTS + " 新增");
        RecordIndex index = context.getBean(RecordIndex.class);
        SearchRequest request = SearchRequest.of("线索移送台账", Viewer.researcher(), 5);
        assertThat(index.search(request).total()).isEqualTo(DOCUMENTS);

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> searchers = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread searcher = new Thread(() -> {
                while (rebuilding.get()) {
                    try {
                        long total = index.search(request).total();
                        if (total != DOCUMENTS) {
                            wrong.add("saw " + total + " hits");
                        }
                    } catch (RuntimeException e) {
                        wrong.add(e.toString());
                    }
                    searches.incrementAndGet();
                }
            });
            searcher.start();
            searchers.add(searcher);
        }
        Run rebuilt;
        try {
            rebuilt = cli.run("batch", "reindex");
        } finally {
            rebuilding.set(false);
            for (Thread searcher : searchers) {
                searcher.join();
            }
        }

        assertThat(rebuilt.exitCode()).as(rebuilt.printed()).isZero();
        assertThat(rebuilt.out()).contains("已完成 COMPLETED", "重建 " + DOCUMENTS + " 份档案记录");
        assertThat(searches.get()).as("searches ran during the rebuild").isGreaterThan(10);
        assertThat(wrong).isEmpty();
        assertThat(index.search(request).total()).isEqualTo(DOCUMENTS);
    }
}
