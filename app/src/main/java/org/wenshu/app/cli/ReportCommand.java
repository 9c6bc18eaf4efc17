package org.wenshu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.reports.SupervisionReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wenshu report}: the yearly supervision report (府检联动工作情况报告), sealed PDF/A, as on the /reports page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "生成年度府检联动工作情况报告（PDF/A，加盖办公室印章） (yearly supervision report)")
public class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--year", required = true, paramLabel = "YYYY", description = "统计年度（发文年度），2000 至今年")
    String year;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "输出的 PDF 文件")
    Path out;

    private final ObjectProvider<SupervisionReports> reports;

    public ReportCommand(ObjectProvider<SupervisionReports> reports) {
        this.reports = reports;
    }

    @Override
    public Integer call() throws IOException {
        Path target = out.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            throw new ExitCodes.BadInput("输出目录不存在：" + target.getParent());
        }
        if (Files.isDirectory(target)) {
            throw new ExitCodes.BadInput("--out 应为文件名，" + target + " 是一个目录");
        }
        SupervisionReports.Report report;
        try {
            report = reports.getObject().report(year);
        } catch (InputInvalid e) {
            throw new ExitCodes.BadInput("--year：" + e.getMessage(), e);
        }
        write(target, report.pdf());
        PrintWriter console = spec.commandLine().getOut();
        console.printf("已生成 %s：%d年度府检联动工作情况报告，文书 %d 件，逾期未回复 %d 件，%d KB，已签章%n", out, report.year(),
                report.figures().total(), report.figures().overdue(), (report.pdf().length + 1023) / 1024);
        console.flush();
        return ExitCodes.OK;
    }

    /** Writes next to the target and moves into place, so a failed run never leaves half a PDF. */
    private static void write(Path target, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".wenshu-", ".pdf.part");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (NoSuchFileException ignored) {
                // Already moved into place.
            }
        }
    }
}
