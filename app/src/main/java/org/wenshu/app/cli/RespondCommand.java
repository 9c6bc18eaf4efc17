package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.wenshu.archive.Adoption;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ResponseSubmission;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.UploadedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu respond}: files an agency's response with its attachments. */
@Command(name = "respond", mixinStandardHelpOptions = true, description = "上传回复 (file an agency's response)")
public class RespondCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORD", description = "记录号或发文字号")
    String record;

    @Option(names = "--unit", required = true, description = "回复单位（须为主送单位）")
    String unit;

    @Option(names = "--measures", required = true, description = "整改措施")
    String measures;

    @Option(names = "--results", required = true, description = "整改结果")
    String results;

    @Option(names = "--adoption", required = true, description = "采纳情况：采纳 / 部分采纳 / 未采纳")
    String adoption;

    @Option(names = "--file", required = true, description = "附件（PDF、DOCX、OFD、JPEG、PNG），可重复")
    List<Path> files;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;
    private final ObjectProvider<IndexUpdates> indexUpdates;

    public RespondCommand(ObjectProvider<IndexUpdates> indexUpdates, ObjectProvider<Archive> archives) {
        this.archives = archives;
        this.indexUpdates = indexUpdates;
    }

    @Override
    public Integer call() {
        Adoption answer = Adoption.parse(adoption).orElseThrow(() -> new ExitCodes.BadInput(
                "采纳情况「" + adoption + "」无效：可选 采纳、部分采纳、未采纳"));
        List<UploadedFile> uploads = new ArrayList<>();
        for (Path file : files) {
            try {
                uploads.add(new UploadedFile(file.getFileName().toString(), Files.readAllBytes(file)));
            } catch (NoSuchFileException e) {
                throw new ExitCodes.BadInput("找不到附件 " + file);
            } catch (IOException e) {
                throw new ExitCodes.BadInput("无法读取附件 " + file + ": " + e.getMessage());
            }
        }
        StoredResponse response = archive().respond(new ResponseSubmission(archive().record(record).id(), unit, measures,
                results, answer, uploads));
        indexUpdates.getObject().afterChange();
        if (json) {
            ArchiveViews.printJson(spec.commandLine().getOut(), ArchiveViews.response(response));
        } else {
            var out = spec.commandLine().getOut();
            out.println("已收到回复 " + response.id() + "（" + response.unit().name() + "，" + response.adoption().label() + "）");
            response.files().forEach(f -> out.println("  " + f.originalName() + " → " + f.stored().key() + "  "
                    + f.stored().mediaType() + "  sha256=" + f.stored().sha256()));
            out.println("  " + response.responseJson().key() + "  sha256=" + response.responseJson().sha256());
        }
        return ExitCodes.OK;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
