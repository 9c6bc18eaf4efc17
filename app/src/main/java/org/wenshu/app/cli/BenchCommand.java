package org.wenshu.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wenshu bench WHAT}: throughput figures; each measurement is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "性能测试 (throughput benchmarks).",
        subcommands = {
                BenchRenderCommand.class,
                BenchSignCommand.class,
                BenchArchiveCommand.class,
                BenchSearchCommand.class,
                BenchBatchCommand.class,
                BenchSeedCommand.class,
        })
public class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "请指定要测试的项目，如 wenshu bench render|sign|archive|search|batch|seed");
    }
}
