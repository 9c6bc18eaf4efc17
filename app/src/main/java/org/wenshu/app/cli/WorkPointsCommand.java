package org.wenshu.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.ListRefused;
import org.wenshu.archive.tracking.RowProblem;
import org.wenshu.archive.tracking.TrackedItems;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wenshu workpoints}: the year's work-point lists (工作要点清单). */
@Command(name = "workpoints", mixinStandardHelpOptions = true, description = "工作要点清单 (work-point lists)",
        subcommands = {WorkPointsCommand.Import.class, WorkPointsCommand.Lists.class})
public class WorkPointsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "请指定子命令：import 或 lists");
    }

    /** {@code wenshu workpoints import --year 2024 FILE.xlsx}: a draft list from the office's sheet, row by row checked. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "从 XLSX 导入工作要点清单（表头：序号、工作要点、具体内容、牵头单位、配合单位、完成时限）；有误则逐行说明，不保存")
    public static class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--year", required = true, description = "年度")
        int year;

        @Option(names = "--title", description = "清单名称（默认：YYYY年“府检联动”工作要点）")
        Optional<String> title;

        @Option(names = "--publish", description = "导入后立即发布")
        boolean publish;

        @Parameters(index = "0", paramLabel = "FILE.xlsx")
        Path file;

        private final ObjectProvider<TrackedItems> tracked;

        public Import(ObjectProvider<TrackedItems> tracked) {
            this.tracked = tracked;
        }

        @Override
        public Integer call() throws IOException {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new ExitCodes.BadInput("没有文件 " + file);
            }
            String name = title.orElse(year + "年“府检联动”工作要点");
            try {
                ItemList list = tracked.getObject().importList(year, name, "jm-coordination-office", content, "cli");
                if (publish) {
                    list = tracked.getObject().publish(list.id(), "cli");
                }
                spec.commandLine().getOut().println("已导入「" + list.title() + "」（" + list.state().label() + "）："
                        + list.itemCount() + " 项工作要点，清单编号 " + list.id());
                return ExitCodes.OK;
            } catch (ListRefused refused) {
                var err = spec.commandLine().getErr();
                err.println(file + " 有 " + refused.problems().size() + " 处问题，未导入任何内容：");
                refused.problems().stream().map(RowProblem::describe).forEach(p -> err.println("  " + p));
                return ExitCodes.BAD_INPUT;
            }
        }
    }

    /** {@code wenshu workpoints lists}: every list with its state and number of points. */
    @Command(name = "lists", mixinStandardHelpOptions = true, description = "列出工作要点清单")
    public static class Lists implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        private final ObjectProvider<TrackedItems> tracked;

        public Lists(ObjectProvider<TrackedItems> tracked) {
            this.tracked = tracked;
        }

        @Override
        public Integer call() {
            var lists = tracked.getObject().lists(Optional.empty(), false);
            var out = spec.commandLine().getOut();
            if (lists.isEmpty()) {
                out.println("没有工作要点清单");
            }
            lists.forEach(l -> out.println(l.year() + "  " + l.title() + "  " + l.state().label() + "  " + l.itemCount()
                    + " 项  " + l.id()));
            return ExitCodes.OK;
        }
    }
}
