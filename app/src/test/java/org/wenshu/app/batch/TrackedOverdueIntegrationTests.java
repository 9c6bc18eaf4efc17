package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.archive.Archive;
import org.wenshu.archive.tracking.ItemDraft;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.ItemQuery;
import org.wenshu.archive.tracking.ReportSubmission;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.TrackedItems;

/** {@code wenshu batch overdue} also flags and counts the tracked items (工作要点, 议定事项) not done by their due date. */
class TrackedOverdueIntegrationTests {

    private Path home;
    private InProcessCli cli;
    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-tracked-overdue");
        // Mid-year, so that the as-of days of February are past (a future as-of day is refused).
        cli = InProcessCli.start(home.resolve("data"), java.time.Clock.fixed(
                java.time.Instant.parse("2026-06-01T02:00:00Z"), java.time.ZoneId.of("Asia/Shanghai")));
        context = cli.context();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void theOverdueJobFlagsEachLateUnitOnceAndCountsThem() {
        TrackedItems tracked = context.getBean(TrackedItems.class);
        int year = tracked.today().getYear();
        ItemList list = tracked.createList(year, "逾期测试清单", "府检联动办", List.of(
                new ItemDraft(1, "按期完成的要点", "", "市公安局", List.of(), year + "-01-31"),
                new ItemDraft(2, "逾期未完成的要点", "", "市司法局", List.of("市教育局"), year + "-01-31"),
                new ItemDraft(3, "尚未到期的要点", "", "市司法局", List.of(), year + "-12-31")), "test");
        ItemList draft = tracked.createList(year, "未发布的清单", "府检联动办", List.of(
                new ItemDraft(1, "草稿中的要点", "", "市司法局", List.of(), year + "-01-31")), "test");
        tracked.publish(list.id(), "test");
        TrackedItem done = tracked.items(ItemQuery.all().inList(list.id())).get(0);
        tracked.accept(tracked.submit(new ReportSubmission(done.id(), "市公安局", "test", "已完成", Optional.empty(),
                List.of())).id(), Optional.empty(), "test");
        String day = year + "-02-01";

        Run first = cli.run("batch", "overdue", "date=" + day);
        Run later = cli.run("batch", "overdue", "date=" + year + "-02-02");

        assertThat(first.exitCode()).as(first.printed()).isZero();
        assertThat(first.out()).contains("督办事项（工作要点、议定事项）：截至 " + day + " 逾期未完成 2 项次，本次新标记 2 项次");
        assertThat(later.exitCode()).as(later.printed()).isZero();
        assertThat(later.out()).contains("逾期未完成 2 项次，本次新标记 0 项次");
        TrackedItem late = tracked.items(ItemQuery.all().inList(list.id())).get(1);
        assertThat(context.getBean(Archive.class).auditEvents(late.id())).filteredOn(e -> e.action().equals("TRACKED_OVERDUE"))
                .extracting(e -> e.detail()).hasSize(2).allSatisfy(d -> assertThat(d).contains("\"date\":\"" + day + "\""));
        assertThat(tracked.items(ItemQuery.all().inList(draft.id())).get(0).overdue()).isFalse();
    }
}
