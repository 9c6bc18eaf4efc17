package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu records}: committed records with their status and due date; {@code --overdue} for 逾期 only. */
@Command(name = "records", mixinStandardHelpOptions = true, description = "文书清单：状态与回复期限，--overdue 只列逾期未回复 (list records)")
public class RecordsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--overdue", description = "只列逾期未回复的文书")
    boolean overdue;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;

    public RecordsCommand(ObjectProvider<Archive> archives) {
        this.archives = archives;
    }

    @Override
    public Integer call() {
        LocalDate today = archive().today();
        List<InstrumentRecord> selected = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            List<InstrumentRecord> page = archive().records(offset, 500);
            page.stream().filter(r -> !overdue || r.overdue(today)).forEach(selected::add);
            if (page.size() < 500) {
                break;
            }
        }
        var out = spec.commandLine().getOut();
        if (json) {
            ArchiveViews.printJson(out, selected.stream().map(r -> ArchiveViews.record(r, today)).toList());
            return ExitCodes.OK;
        }
        if (selected.isEmpty()) {
            out.println(overdue ? "没有逾期未回复的文书" : "没有文书记录");
        }
        for (InstrumentRecord r : selected) {
            out.println(r.number().text() + "  " + (r.overdue(today) ? "逾期" : r.status().label()) + "  回复期限 "
                    + r.dueDate().map(LocalDate::toString).orElse("无") + "  " + r.title() + "  "
                    + String.join("、", r.recipients().stream().map(u -> u.shortName()).toList()) + "  " + r.id());
        }
        return ExitCodes.OK;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
