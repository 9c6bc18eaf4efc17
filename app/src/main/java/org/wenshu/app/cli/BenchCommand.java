package org.wenshu.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wenshu bench WHAT}: throughput and latency figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "性能基准 (benchmarks).",
        subcommands = {BenchSearchCommand.class})
class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "请指定基准 (missing benchmark, e.g. search)");
    }
}
