package org.wenshu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.app.signing.UnitSeal;
import org.wenshu.app.signing.UnitSeals;

import org.wenshu.generator.PdfRenderer;
import org.wenshu.generator.RenderedPdf;
import org.wenshu.generator.signing.PadesLevel;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.InstrumentXhtml;
import org.wenshu.templates.TemplateRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wenshu generate}: one instrument from a type and a JSON data file, printed to a PDF/A file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "由文书类型和 JSON 数据生成 PDF/A 文书 (render an instrument to PDF/A).")
public class GenerateCommand implements Callable<Integer> {

    private final InstrumentCatalog catalog;
    private final ObjectProvider<TemplateRenderer> templates;
    private final ObjectProvider<PdfRenderer> pdf;

    @Spec
    CommandSpec spec;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "文书类型，见 wenshu types")
    String type;

    @Option(names = "--data", required = true, paramLabel = "FILE.json", description = "字段值（JSON 对象）")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "输出的 PDF 文件")
    Path out;

    @Option(names = "--unsigned", description = "不加盖电子签章 (skip the PAdES signature)")
    boolean unsigned;

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "签名级别 B-B|B-T|B-LT|B-LTA；缺省按配置（有吊销信息时 B-LT，否则 B-T）")
    String level;

    private final ObjectProvider<UnitSeals> seals;

    public GenerateCommand(InstrumentCatalog catalog, ObjectProvider<TemplateRenderer> templates,
                           ObjectProvider<PdfRenderer> pdf, ObjectProvider<UnitSeals> seals) {
        this.catalog = catalog;
        this.templates = templates;
        this.pdf = pdf;
        this.seals = seals;
    }

    @Override
    public Integer call() throws IOException {
        Optional<PadesLevel> chosenLevel = parseLevel();
        InstrumentType instrumentType = catalog.require(type);
        Map<String, Object> values = JsonData.read(data);
        InstrumentXhtml xhtml = templates.getObject().render(instrumentType, values);
        // The issuing unit's own seal, by the full name the instrument gives; checked before the costly render.
        Optional<UnitSeal> seal = unsigned ? Optional.empty()
                : Optional.of(seals.getObject().forUnit(xhtml.metadata().issuingUnit()));
        RenderedPdf rendered = pdf.getObject().render(xhtml);
        byte[] content = seal.map(unit -> unit.sign(rendered.content(), chosenLevel)).orElse(rendered.content());
        write(content);
        PrintWriter console = spec.commandLine().getOut();
        console.printf("已生成 %s：%s %s，%d 页，%d KB，%s%n", out, instrumentType.name(),
                xhtml.metadata().documentNumber(), rendered.pages(), (content.length + 1023) / 1024,
                unsigned ? "未签章" : "已签章");
        console.flush();
        return ExitCodes.OK;
    }

    private Optional<PadesLevel> parseLevel() {
        if (level == null) {
            return Optional.empty();
        }
        if (unsigned) {
            throw new ExitCodes.BadInput("--unsigned 与 --level 不能同时使用");
        }
        try {
            return Optional.of(PadesLevel.parse(level));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInput("--level 应为 B-B、B-T、B-LT 或 B-LTA，而不是 " + level);
        }
    }

    /** Writes next to the target and moves into place, so a failed run never leaves half a PDF. */
    private void write(byte[] content) throws IOException {
        Path target = out.toAbsolutePath();
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            throw new ExitCodes.BadInput("输出目录不存在：" + directory);
        }
        if (Files.isDirectory(target)) {
            throw new ExitCodes.BadInput("--out 应为文件名，" + target + " 是一个目录");
        }
        Path temporary = Files.createTempFile(directory, ".wenshu-", ".pdf.part");
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
