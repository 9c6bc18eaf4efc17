package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu show}: one record with its lifecycle and responses. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "查看文书记录 (show a record)")
public class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORD", description = "记录号或发文字号")
    String record;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;

    public ShowCommand(ObjectProvider<Archive> archives) {
        this.archives = archives;
    }

    @Override
    public Integer call() {
        InstrumentRecord found = archive().record(record);
        var responses = archive().responses(found.id());
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>(ArchiveViews.record(found, archive().today()));
            view.put("responses", responses.stream().map(ArchiveViews::response).toList());
            ArchiveViews.printJson(spec.commandLine().getOut(), view);
        } else {
            ArchiveViews.printRecord(spec.commandLine().getOut(), "文书", found, archive().today());
            responses.forEach(r -> spec.commandLine().getOut().println("  回复 " + r.id() + "  " + r.unit().name() + "  "
                    + r.adoption().label() + "  " + r.submittedAt() + "  附件 " + r.files().size() + " 个"));
        }
        return ExitCodes.OK;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
