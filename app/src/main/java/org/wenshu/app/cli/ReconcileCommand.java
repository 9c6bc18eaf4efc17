package org.wenshu.app.cli;

import org.springframework.beans.factory.ObjectProvider;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import org.wenshu.archive.Archive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu reconcile}: voids numbers an interrupted issuing left reserved and removes their objects. */
@Command(name = "reconcile", mixinStandardHelpOptions = true, description = "清理中断的发文：作废超时未完成的预留编号并删除其残留对象 (reconcile interrupted issuing)")
public class ReconcileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--older-than", defaultValue = "PT15M", description = "预留超过多久视为中断（ISO-8601），默认 ${DEFAULT-VALUE}")
    String olderThan;

    private final ObjectProvider<Archive> archives;

    public ReconcileCommand(ObjectProvider<Archive> archives) {
        this.archives = archives;
    }

    @Override
    public Integer call() {
        Duration age;
        try {
            age = Duration.parse(olderThan);
        } catch (DateTimeParseException e) {
            throw new ExitCodes.BadInput("--older-than「" + olderThan + "」无效：ISO-8601 时长，如 PT15M、PT1H");
        }
        int voided = archive().reconcile(age);
        spec.commandLine().getOut().println("已作废 " + voided + " 个中断的预留编号；作废编号的残留对象已清理");
        return ExitCodes.OK;
    }

    /** The archive, started only when the command runs (picocli creates every command for each command line). */
    private Archive archive() {
        return archives.getObject();
    }
}
