package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.wenshu.archive.Archive;
import org.wenshu.archive.RegisterEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu register}: the document register, void numbers included. */
@Command(name = "register", mixinStandardHelpOptions = true, description = "发文登记簿：全部编号，含作废编号及原因 (the document register)")
public class RegisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--unit", description = "发文单位")
    String unit;

    @Option(names = "--year", description = "年份")
    Integer year;

    @Option(names = "--json", description = "输出 JSON")
    boolean json;

    private final ObjectProvider<Archive> archives;

    public RegisterCommand(ObjectProvider<Archive> archives) {
        this.archives = archives;
    }

    @Override
    public Integer call() {
        List<RegisterEntry> entries = archive().register(Optional.ofNullable(unit), Optional.ofNullable(year));
        var out = spec.commandLine().getOut();
        if (json) {
            ArchiveViews.printJson(out, ArchiveViews.register(entries));
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            out.println("登记簿为空");
        }
        for (RegisterEntry entry : entries) {
            out.println(entry.number().text() + "  " + entry.state().label() + "  " + entry.title()
                    + (entry.state() == RegisterEntry.State.ISSUED ? "  " + entry.recordId() : "")
                    + entry.voidReason().map(r -> "  作废原因：" + r).orElse(""));
        }
        return ExitCodes.OK;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
