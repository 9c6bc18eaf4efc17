package org.wenshu.app.cli;

import java.io.PrintWriter;

import org.springframework.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wenshu} command line; each subcommand is a Spring bean-aware picocli command. */
@Command(name = "wenshu", mixinStandardHelpOptions = true,
        description = "文书: generate, sign, archive, answer and search procuratorial instruments.",
        subcommands = {
                CommandLine.HelpCommand.class,
                TypesCommand.class,
                GenerateCommand.class,
                VerifyCommand.class,
                IssueCommand.class,
                DeliverCommand.class,
                RespondCommand.class,
                CloseCommand.class,
                WithdrawCommand.class,
                ShowCommand.class,
                RegisterCommand.class,
                RecordsCommand.class,
                ReconcileCommand.class,
                UnitsCommand.class,
                FixityCommand.class,
                AuditCommand.class,
                SearchCommand.class,
                ImportCommand.class,
                BenchCommand.class,
        })
public class WenshuCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "请指定子命令 (missing subcommand)");
    }

    /** Parses and runs {@code args} with commands created by {@code context}; returns the exit code. */
    public static int execute(ApplicationContext context, String... args) {
        return execute(context, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Same as {@link #execute(ApplicationContext, String...)}, writing to the given streams. */
    public static int execute(ApplicationContext context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new WenshuCommand(), new SpringCommandFactory(context));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("wenshu: " + ex.getMessage());
            return ExitCodes.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> ExitCodes.report(ex, err));
        try {
            return commandLine.execute(args);
        } catch (StackOverflowError e) {
            // A library that recurses over an input's structure (a PDF nested thousands of levels deep): say so in
            // one line instead of ending the process with thousands of stack frames.
            err.println("wenshu: 失败 (failed): 输入的结构嵌套过深，无法处理 (StackOverflowError)");
            return ExitCodes.FAILURE;
        }
    }
}
