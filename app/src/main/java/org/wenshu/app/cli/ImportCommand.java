package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.wenshu.batch.InputPaths;
import org.wenshu.search.imports.ImportReport;
import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.imports.ReferenceImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu import DIR}: stores and indexes the reference texts of a folder. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "导入参考资料：DIR（含子文件夹）下的 .md、.txt、.pdf、.docx 文件存档并建索引；跳过的文件按原因汇总。")
class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "folder to import")
    Path folder;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "reference",
            description = "what the files are; only 'reference' (instruments and responses enter through issue)")
    String kind;

    @Option(names = "--all", description = "列出跳过的每个文件（默认每种原因只列前 " + BatchCommand.SHOWN_PER_REASON + " 个）")
    boolean all;

    private final ObjectProvider<ReferenceImporter> importer;
    private final ObjectProvider<RecordIndex> index;

    ImportCommand(ObjectProvider<ReferenceImporter> importer, ObjectProvider<RecordIndex> index) {
        this.importer = importer;
        this.index = index;
    }

    @Override
    public Integer call() {
        if (!kind.equalsIgnoreCase("reference")) {
            throw new ExitCodes.BadInput("--kind " + kind + " 不能导入：只能导入参考资料（--kind reference）；"
                    + "文书和回复经 wenshu issue 与 wenshu respond 进入档案");
        }
        InputPaths.folderProblem(folder, folder.toString()).ifPresent(problem -> {
            throw new ExitCodes.BadInput(problem);
        });
        ImportReport report = importer.getObject().importFolder(folder);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("导入 %s：%d 新增，%d 更新，%d 未变，%d 跳过，%d 失败；%.1f MB，用时 %.1f 秒（%.1f MB/s）%n",
                folder, report.added(), report.replaced(), report.unchanged(), report.skipped().size(),
                report.failed().size(), report.bytes() / 1e6, report.millis() / 1000.0, report.megabytesPerSecond());
        ProblemGroups.print(out, "  ", report.skipped().stream()
                        .map(p -> new ProblemGroups.Entry("跳过", p.source(), p.reason())).toList(),
                all ? -1 : BatchCommand.SHOWN_PER_REASON, "；加 --all 列出全部");
        PrintWriter err = spec.commandLine().getErr();
        awaitVectors(err);
        report.failed().forEach(p -> err.println("wenshu: 失败 " + p.source() + "：" + p.reason()));
        return report.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /**
     * Waits for the passage vectors of what was imported (embedded on every core), printing progress; records left
     * unembedded by an interrupted run are embedded at the next start.
     */
    private void awaitVectors(PrintWriter err) {
        if (!(index.getObject() instanceof LuceneRecordIndex lucene) || lucene.vectorsPending() == 0) {
            return;
        }
        long started = System.nanoTime();
        int total = lucene.vectorsPending();
        while (!lucene.awaitVectors(Duration.ofSeconds(10))) {
            int pending = lucene.vectorsPending();
            double seconds = (System.nanoTime() - started) / 1e9;
            err.printf("段落向量：%d / %d 条记录，%.0f 秒%n", total - pending, total, seconds);
            err.flush();
        }
        lucene.commit();
        err.printf("段落向量：%d 条记录，用时 %.0f 秒%n", total,
                (System.nanoTime() - started) / 1e9);
    }
}
