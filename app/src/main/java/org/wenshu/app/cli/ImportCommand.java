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
        description = "导入参考资料 (import .md, .txt, .pdf and .docx files below DIR as reference texts).")
class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "folder to import")
    Path folder;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "reference",
            description = "what the files are; only 'reference' (instruments and responses enter through issue)")
    String kind;

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
        out.printf("导入 (imported) %s: %d 新增 added, %d 更新 replaced, %d 未变 unchanged, %d 跳过 skipped, "
                        + "%d 失败 failed; %.1f MB in %.1f s (%.1f MB/s)%n",
                folder, report.added(), report.replaced(), report.unchanged(), report.skipped().size(),
                report.failed().size(), report.bytes() / 1e6, report.millis() / 1000.0, report.megabytesPerSecond());
        report.skipped().stream().limit(20).forEach(p -> out.println("  跳过 skipped " + p.source() + ": " + p.reason()));
        if (report.skipped().size() > 20) {
            out.println("  … " + (report.skipped().size() - 20) + " more skipped");
        }
        PrintWriter err = spec.commandLine().getErr();
        awaitVectors(err);
        report.failed().forEach(p -> err.println("wenshu: 失败 (failed) " + p.source() + ": " + p.reason()));
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
            err.printf("向量 (passage vectors): %d / %d records done, %.0f s%n", total - pending, total, seconds);
            err.flush();
        }
        lucene.commit();
        err.printf("向量 (passage vectors): %d records embedded in %.0f s%n", total,
                (System.nanoTime() - started) / 1e9);
    }
}
