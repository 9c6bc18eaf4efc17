package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;
import org.wenshu.app.cli.WenshuCommand;
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
    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-reindex");
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setBannerMode(Banner.Mode.OFF);
        application.setAdditionalProfiles("cli");
        context = application.run("--wenshu.home=" + home.resolve("data"), "--wenshu.batch.threads=2");
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void searchesSeeTheWholeOldIndexUntilTheNewOneSwapsIn() throws Exception {
        Path folder = Files.createDirectories(home.resolve("references"));
        for (int i = 0; i < DOCUMENTS; i++) {
            Files.writeString(folder.resolve("第" + i + "号.md"), "# 行政执法与刑事司法衔接工作规程第" + i + "号\n\n"
                    + "各成员单位应当建立府检联动线索移送台账，按月通报办理情况。本规程编号" + i + "。\n".repeat(20));
        }
        String[] imported = run("batch", "import", "dir=" + folder);
        assertThat(imported[0]).as(imported[1] + imported[2]).isEqualTo("0");
        assertThat(imported[1]).contains("已完成 COMPLETED", DOCUMENTS + " 新增");
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
        String[] rebuilt;
        try {
            rebuilt = run("batch", "reindex");
        } finally {
            rebuilding.set(false);
            for (Thread searcher : searchers) {
                searcher.join();
            }
        }

        assertThat(rebuilt[0]).as(rebuilt[1] + rebuilt[2]).isEqualTo("0");
        assertThat(rebuilt[1]).contains("已完成 COMPLETED", "重建 " + DOCUMENTS + " 条记录");
        assertThat(searches.get()).as("searches ran during the rebuild").isGreaterThan(10);
        assertThat(wrong).isEmpty();
        assertThat(index.search(request).total()).isEqualTo(DOCUMENTS);
    }
}
