package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.objenesis.SpringObjenesis;
import org.wenshu.templates.InstrumentCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

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
                ReportCommand.class,
                SearchCommand.class,
                ImportCommand.class,
                BatchCommand.class,
                WorkPointsCommand.class,
                BenchCommand.class,
                UsersCommand.class,
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
        return guarded(commandLine(context.getAutowireCapableBeanFactory(), out, err), err, args);
    }

    /**
     * Answers {@code args} without starting the application when they need neither storage nor keys: usage help
     * ({@code --help}, {@code help CMD}), {@code --version}, {@link ContextFree} commands such as {@code types}, a
     * missing subcommand and input errors found while parsing (exit code 2). Empty when the command needs the
     * application; the caller then starts it and calls {@link #execute(ApplicationContext, String...)}.
     */
    public static Optional<Integer> answerWithoutApplication(PrintWriter out, PrintWriter err, String... args) {
        // Starting Spring Boot costs seconds of CPU (thousands of classes, the auto-configuration conditions); a
        // command that only prints needs the instrument catalog at most.
        quietLogging();
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("instrumentCatalog", InstrumentCatalog.standard());
        beans.registerResolvableDependency(Environment.class, new StandardEnvironment());
        HelpOnlyFactory factory = new HelpOnlyFactory(new SpringCommandFactory(beans));
        CommandLine commandLine = commandLine(factory, out, err);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException badInput) {
            return Optional.of(guarded(commandLine, err, args));
        }
        return answerable(parsed, factory) ? Optional.of(guarded(commandLine, err, args)) : Optional.empty();
    }

    private static boolean answerable(ParseResult parsed, HelpOnlyFactory factory) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            Object command = level.commandSpec().userObject();
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()
                    || command instanceof CommandLine.HelpCommand) {
                return true;
            }
            if (command instanceof ContextFree && !factory.isHollow(command)) {
                return true;
            }
            if (!level.hasSubcommand()) {
                // A command group without its subcommand only says which ones exist (exit code 2).
                return !level.commandSpec().subcommands().isEmpty();
            }
        }
        return false;
    }

    private static void quietLogging() {
        // The application's logging configuration (logback-spring.xml, profile cli) is not loaded on this path;
        // unconfigured Logback would print every DEBUG line of the bean factory.
        LoggingSystem logging = LoggingSystem.get(WenshuCommand.class.getClassLoader());
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
    }

    /**
     * Creates commands from a bean factory holding only the catalog; a command that takes the application's beans
     * is created hollow (its constructor not run): picocli can parse its options and print its help, and
     * {@link #answerable} never lets it run.
     */
    private static final class HelpOnlyFactory implements CommandLine.IFactory {
        private final CommandLine.IFactory beans;
        private final Set<Object> hollow = Collections.newSetFromMap(new IdentityHashMap<>());
        private final SpringObjenesis objenesis = new SpringObjenesis();

        HelpOnlyFactory(CommandLine.IFactory beans) {
            this.beans = beans;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return beans.create(type);
            } catch (BeansException needsApplication) {
                K command = objenesis.newInstance(type);
                hollow.add(command);
                return command;
            }
        }

        boolean isHollow(Object command) {
            return hollow.contains(command);
        }
    }

    private static int guarded(CommandLine commandLine, PrintWriter err, String... args) {
        try {
            return commandLine.execute(args);
        } catch (StackOverflowError e) {
            // A library that recurses over an input's structure (a PDF nested thousands of levels deep): say so in
            // one line instead of ending the process with thousands of stack frames.
            err.println("wenshu: 失败：输入的结构嵌套过深，无法处理");
            return ExitCodes.FAILURE;
        }
    }

    private static CommandLine commandLine(AutowireCapableBeanFactory beans, PrintWriter out, PrintWriter err) {
        return commandLine(new SpringCommandFactory(beans), out, err);
    }

    private static CommandLine commandLine(CommandLine.IFactory factory, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new WenshuCommand(), factory);
        commandLine.setOut(out);
        commandLine.setErr(err);
        BatchJobHelp.install(commandLine.getSubcommands().get("batch"));
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("wenshu: " + ParameterErrors.describe(ex));
            return ExitCodes.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> ExitCodes.report(ex, err));
        return commandLine;
    }
}
