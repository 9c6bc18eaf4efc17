package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.util.concurrent.Callable;

import org.wenshu.archive.Archive;
import org.wenshu.archive.Unit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu units}: the member units, usable wherever a command takes {@code --unit}. */
@Command(name = "units", mixinStandardHelpOptions = true, description = "成员单位 (member units)")
public class UnitsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;

    public UnitsCommand(ObjectProvider<Archive> archives) {
        this.archives = archives;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (json) {
            ArchiveViews.printJson(out, archive().units().stream().map(u -> java.util.Map.of("id", u.id(), "name", u.name(),
                    "shortName", u.shortName(), "kind", u.kind(), "parentId", u.parentId().orElse(""))).toList());
            return ExitCodes.OK;
        }
        for (Unit unit : archive().units()) {
            out.println(unit.id() + "  " + unit.name() + "（" + unit.shortName() + "）"
                    + unit.parentId().map(p -> "  上级：" + archive().unit(p).name()).orElse(""));
        }
        return ExitCodes.OK;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
