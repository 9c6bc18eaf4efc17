package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.wenshu.archive.Archive;
import org.wenshu.batch.BatchJobs;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.InputPaths;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.batch.JobSummary;
import org.wenshu.batch.bulk.AlreadyIssued;
import org.wenshu.batch.bulk.BulkIssueInput;
import org.wenshu.batch.bulk.BulkIssueJobConfiguration;
import org.wenshu.batch.bulk.BulkIssueLedger;
import org.wenshu.batch.bulk.BulkIssueParameters;
import org.wenshu.batch.bulk.ListRefused;
import org.wenshu.batch.bulk.ListValidation;
import org.wenshu.batch.bulk.RecipientLists;
import org.wenshu.batch.fixity.FixityJobConfiguration;
import org.wenshu.batch.imports.ImportJobConfiguration;
import org.wenshu.batch.overdue.OverdueJobConfiguration;
import org.wenshu.batch.reindex.ReindexJobConfiguration;
import org.wenshu.templates.InstrumentCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wenshu batch JOB key=value …}: runs a batch job in the foreground with a progress bar (a log line every
 * ten seconds when the output is not a terminal); {@code wenshu batch status [ID]} lists executions with their
 * counts and reports; {@code wenshu batch restart ID} resumes a failed or killed execution from its last commit.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "批处理作业 (batch jobs): bulk-issue type=T data=F.json file=名单.xlsx|.csv [skipLimit=N] [encoding=GB18030]; "
                + "overdue [date=YYYY-MM-DD] [copyToParent=true]; fixity [maxObjectsPerSecond=N]; reindex; import dir=DIR; "
                + "status [ID [--all]]; restart ID. wenshu batch JOB --help 显示该作业的参数")
class BatchCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Lines of a report shown per kind of problem (e.g. per skip reason) unless {@code --all} is given. */
    static final int SHOWN_PER_REASON = 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "bulk-issue | overdue | fixity | reindex | import | status | restart")
    String job;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "key=value 参数，或执行编号")
    List<String> arguments = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--all", description = "status ID：列出报告的全部条目（默认每类只列前 " + SHOWN_PER_REASON + " 条）")
    boolean all;

    private final ObjectProvider<BatchJobs> jobs;
    private final ObjectProvider<BatchSettings> settings;
    private final InstrumentCatalog catalog;
    private final ObjectProvider<Archive> archive;
    private final ObjectProvider<InstrumentIssuer> issuer;
    private final ObjectProvider<BulkIssueLedger> ledger;
    private final boolean defaultCopyToParent;

    BatchCommand(ObjectProvider<BatchJobs> jobs, ObjectProvider<BatchSettings> settings, InstrumentCatalog catalog,
                 ObjectProvider<Archive> archive, ObjectProvider<InstrumentIssuer> issuer,
                 ObjectProvider<BulkIssueLedger> ledger,
                 @Value("${wenshu.batch.overdue.copy-to-parent:false}") boolean defaultCopyToParent) {
        this.jobs = jobs;
        this.settings = settings;
        this.catalog = catalog;
        this.archive = archive;
        this.issuer = issuer;
        this.ledger = ledger;
        this.defaultCopyToParent = defaultCopyToParent;
    }

    @Override
    public Integer call() {
        if (all && !job.equals("status")) {
            throw new ExitCodes.BadInput("--all 只用于 wenshu batch status ID");
        }
        return switch (job) {
            case "status" -> status();
            case "restart" -> restart();
            case BulkIssueJobConfiguration.JOB -> run(job, bulkIssueParameters());
            case OverdueJobConfiguration.JOB -> run(job, overdueParameters());
            case FixityJobConfiguration.JOB -> run(job, fixityParameters());
            case ReindexJobConfiguration.JOB -> run(job, newRun(ReindexJobConfiguration.JOB));
            case ImportJobConfiguration.JOB -> run(job, importParameters());
            default -> throw new ExitCodes.BadInput("没有作业 " + job + "；可用：bulk-issue、overdue、fixity、reindex、import、status、restart");
        };
    }

    private JobParameters bulkIssueParameters() {
        try {
            return BulkIssueParameters.of(keyValues(), catalog, settings.getObject().skipLimit());
        } catch (ListRefused e) {
            throw new ExitCodes.BadInput(e.getMessage(), e);
        }
    }

    private JobParameters overdueParameters() {
        Map<String, String> values = keyValues();
        for (String key : values.keySet()) {
            if (!key.equals("date") && !key.equals("copyToParent")) {
                throw new ExitCodes.BadInput("overdue 不认识参数 " + key + "；可用 date=YYYY-MM-DD copyToParent=true|false");
            }
        }
        java.time.LocalDate date;
        try {
            date = values.containsKey("date") ? java.time.LocalDate.parse(values.get("date")) : archive.getObject().today();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ExitCodes.BadInput(org.wenshu.app.api.TypedValues.nonexistentDate(values.get("date"))
                    ? "date=" + values.get("date") + " 不存在（该月没有这一天）"
                    : "date=" + values.get("date") + " 不是日期（YYYY-MM-DD）");
        }
        OverdueJobConfiguration.dateProblem(date, archive.getObject().today()).ifPresent(problem -> {
            throw new ExitCodes.BadInput(problem);
        });
        String copy = values.getOrDefault("copyToParent", Boolean.toString(defaultCopyToParent));
        if (!copy.equals("true") && !copy.equals("false")) {
            throw new ExitCodes.BadInput("copyToParent=" + copy + " 无效：true 或 false");
        }
        return OverdueJobConfiguration.parameters(date, Boolean.parseBoolean(copy));
    }

    /** A job without arguments, a new instance each time it is asked for. */
    private JobParameters newRun(String name) {
        if (!arguments.isEmpty()) {
            throw new ExitCodes.BadInput(name + " 没有参数");
        }
        return new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString("requestedAt", java.time.Instant.now().toString(), true).toJobParameters();
    }

    private JobParameters importParameters() {
        Map<String, String> values = keyValues();
        String dir = values.get(ImportJobConfiguration.DIR);
        if (dir == null || values.size() != 1) {
            throw new ExitCodes.BadInput("用法：" + BatchJobHelp.usage(job).orElseThrow());
        }
        java.nio.file.Path folder = java.nio.file.Path.of(dir).toAbsolutePath().normalize();
        InputPaths.folderProblem(folder, dir).ifPresent(problem -> {
            throw new ExitCodes.BadInput(problem);
        });
        return new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString(ImportJobConfiguration.DIR, folder.toString(), true)
                .addString("requestedAt", java.time.Instant.now().toString(), true).toJobParameters();
    }

    /** Each fixity run is a new instance (a new audit); {@code batch restart ID} resumes an interrupted one. */
    private JobParameters fixityParameters() {
        Map<String, String> values = keyValues();
        long limit = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!entry.getKey().equals(FixityJobConfiguration.MAX_OBJECTS_PER_SECOND)) {
                throw new ExitCodes.BadInput("fixity 不认识参数 " + entry.getKey() + "；可用 maxObjectsPerSecond=N（0 不限速）");
            }
            try {
                limit = Long.parseLong(entry.getValue());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                throw new ExitCodes.BadInput("maxObjectsPerSecond=" + entry.getValue() + " "
                        + org.wenshu.app.api.TypedValues.outOfRange(entry.getValue(), 0, Long.MAX_VALUE)
                                .orElse("无效：须为不小于 0 的整数"));
            }
        }
        return new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString("requestedAt", java.time.Instant.now().toString(), true)
                .addLong(FixityJobConfiguration.MAX_OBJECTS_PER_SECOND, limit, false)
                .toJobParameters();
    }

    /**
     * The {@code key=value} arguments by key, values stripped. An empty value ({@code dir=}, {@code date= }) is refused
     * with the job's usage line, as a missing one is: it would otherwise mean the current folder, zero or false.
     */
    private Map<String, String> keyValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0) {
                throw new ExitCodes.BadInput("参数须为 key=value 形式：" + argument);
            }
            String key = argument.substring(0, eq).strip();
            String value = argument.substring(eq + 1).strip();
            if (value.isEmpty()) {
                throw new ExitCodes.BadInput("参数 " + key + "= 没有给出值；用法：" + BatchJobHelp.usage(job).orElse("wenshu batch " + job)
                        + "（wenshu batch " + job + " --help 说明各参数）");
            }
            if (values.put(key, value) != null) {
                throw new ExitCodes.BadInput("参数 " + argument.substring(0, eq) + " 给了两次");
            }
        }
        return values;
    }

    private int restart() {
        if (arguments.size() != 1 || !arguments.get(0).matches("\\d{1,18}")) {
            throw new ExitCodes.BadInput("用法：wenshu batch restart ID（执行编号，见 wenshu batch status）");
        }
        long id = Long.parseLong(arguments.get(0));
        JobExecution execution = jobs.getObject().execution(id)
                .orElseThrow(() -> new ExitCodes.BadInput("没有编号为 " + id + " 的作业执行；wenshu batch status 列出全部"));
        return run(execution.getJobInstance().getJobName(), execution.getJobParameters());
    }

    private int run(String name, JobParameters parameters) {
        if (name.equals(BulkIssueJobConfiguration.JOB)) {
            requireUsableList(parameters);
        }
        PrintWriter out = spec.commandLine().getOut();
        BatchJobs batch = jobs.getObject();
        Progress progress = new Progress(out, System.console() != null);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "wenshu-batch-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> batch.last(name, parameters).filter(JobExecution::isRunning)
                .ifPresent(e -> progress.show(batch.summary(e))), 1, 1, TimeUnit.SECONDS);
        JobExecution execution;
        try {
            execution = batch.run(name, parameters);
        } catch (BatchJobs.JobRefused refused) {
            ticker.shutdownNow();
            progress.end();
            if (refused.execution().isPresent() && refused.execution().get().getStatus() == BatchStatus.COMPLETED) {
                out.println(refused.getMessage());
                JobSummary done = batch.summary(refused.execution().get());
                print(out, done);
                return done.problems().isEmpty() ? ExitCodes.OK : problemExit(name);
            }
            throw new ExitCodes.BadInput(refused.getMessage(), refused);
        } finally {
            ticker.shutdownNow();
        }
        progress.end();
        JobSummary summary = batch.summary(execution);
        summary = new JobSummary(summary.executionId(), summary.job(), summary.status(), summary.start(), summary.end(),
                summary.done(), summary.total(), summary.problems(), JobSummary.of(execution).failures(), summary.parameters(),
                summary.details());
        print(out, summary);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return summary.problems().isEmpty() ? ExitCodes.OK : problemExit(name);
        }
        boolean badInput = execution.getAllFailureExceptions().stream().anyMatch(BatchCommand::isBadInput);
        spec.commandLine().getErr().println("wenshu: 作业未完成（执行 " + execution.getId() + "）"
                + (badInput ? "" : "；排除故障后用 wenshu batch restart " + execution.getId() + " 或同一命令从上次提交处继续"));
        return badInput ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
    }

    /**
     * Reads the list and base data as the job's first step will, as the web upload does before it starts a job: an
     * unusable file (encoding, format, size, headers, no data rows, a file changed since the job started) is refused
     * here, before an execution exists, instead of failing one.
     */
    private void requireUsableList(JobParameters parameters) {
        BatchSettings limits = settings.getObject();
        BulkIssueInput input;
        try {
            input = new BulkIssueInput(parameters, catalog, new RecipientLists(limits.maxRows(), limits.maxListBytes()),
                    issuer.getObject(), archive.getObject());
        } catch (ListRefused refused) {
            throw new ExitCodes.BadInput(refused.getMessage(), refused);
        }
        reportAlreadyIssued(input, parameters.getLong(BulkIssueParameters.SKIP_LIMIT, 0L), limits.threads());
    }

    /**
     * Says before the job starts how many rows it will issue and which rows ask for instruments issued before (with
     * their numbers: the command line acts for the whole archive), as the web check before a confirmation does. The
     * job finds those rows again when it issues, and its report lists them as well.
     */
    private void reportAlreadyIssued(BulkIssueInput input, long skipLimit, int threads) {
        ListValidation validation = ListValidation.of(input.table(), input.rows(), skipLimit, threads, valid -> {
            try {
                return input.issuedAlike(valid.row(), valid.request().orElseThrow())
                        .map(record -> new AlreadyIssued(valid.row().number(), Optional.of(record.number().text())));
            } catch (org.wenshu.archive.ArchiveRefusal removed) {
                return Optional.empty(); // the job reports the row
            }
        });
        if (validation.alreadyIssued().isEmpty() || validation.stoppedEarly()) {
            return; // nothing to tell before the start (too many bad rows: the job stops at once and says so)
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("名单 " + validation.rows() + " 行：将发文 " + validation.valid() + " 份；"
                + validation.alreadyIssued().size() + " 行已发过文，不会重复发文"
                + (validation.badRows() > 0 ? "；" + validation.badRows() + " 行有错误，将被跳过" : "") + "：");
        validation.alreadyIssued().forEach(issued -> out.println("  " + issued.describe()));
        out.flush();
    }

    /** Skipped rows are input to fix (2); a fixity difference is a failure of the archive (1). */
    private static int problemExit(String job) {
        if (job.equals(ImportJobConfiguration.JOB)) {
            return ExitCodes.OK; // files of other types are skipped and listed, as by wenshu import
        }
        return job.equals(FixityJobConfiguration.JOB) ? ExitCodes.FAILURE : ExitCodes.BAD_INPUT;
    }

    private static boolean isBadInput(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ListRefused || ExitCodes.isBadInput(t)
                    || t.getClass().getSimpleName().equals("SkipLimitExceeded")) {
                return true;
            }
        }
        return false;
    }

    private int status() {
        BatchJobs batch = jobs.getObject();
        PrintWriter out = spec.commandLine().getOut();
        if (arguments.size() == 1 && arguments.get(0).matches("\\d{1,18}")) {
            long id = Long.parseLong(arguments.get(0));
            JobExecution execution = batch.execution(id)
                    .orElseThrow(() -> new ExitCodes.BadInput("没有编号为 " + id + " 的作业执行"));
            batch.recoverIfDead(execution);
            print(out, summary(batch, batch.execution(id).orElseThrow()), all ? -1 : SHOWN_PER_REASON);
            return ExitCodes.OK;
        }
        if (!arguments.isEmpty() || all) {
            throw new ExitCodes.BadInput("用法：" + BatchJobHelp.usage("status").orElseThrow());
        }
        List<JobExecution> recent = batch.recent(30);
        if (recent.isEmpty()) {
            out.println("还没有运行过批处理作业");
            return ExitCodes.OK;
        }
        java.time.ZoneId zone = archive.getObject().zone();
        out.printf("%6s  %-12s %-10s %-19s %-19s %12s %6s%n", "执行", "作业", "状态", "开始", "结束", "进度", "问题");
        for (JobExecution execution : recent) {
            JobSummary s = summary(batch, execution);
            out.printf("%6d  %-12s %-10s %-19s %-19s %12s %6d%n", s.executionId(), s.job(), s.status(),
                    s.start().map(t -> time(t, zone)).orElse("-"), s.end().map(t -> time(t, zone)).orElse("-"),
                    s.done() + "/" + (s.total() < 0 ? "?" : s.total()), s.problems().size());
        }
        out.println("（时间为 " + zone.getId() + "；wenshu batch status ID 显示一次执行的报告）");
        return ExitCodes.OK;
    }

    /**
     * What {@code execution} did; for a bulk issue, its position in the list as the page and the API give it (with
     * the rows a killed run issued after its last commit, which the committed count misses).
     */
    private JobSummary summary(BatchJobs batch, JobExecution execution) {
        JobSummary s = batch.summary(execution);
        if (!s.job().equals(BulkIssueJobConfiguration.JOB)) {
            return s;
        }
        long done = ledger.getObject().tally(batch.execution(execution.getId()).orElse(execution)).done();
        if (done < 0) {
            return s;
        }
        return new JobSummary(s.executionId(), s.job(), s.status(), s.start(), s.end(),
                s.total() >= 0 ? Math.min(done, s.total()) : done, s.total(), s.problems(), s.failures(), s.parameters(),
                s.details());
    }

    /**
     * {@code time} as Spring Batch records it (the local time of the JVM that ran the job, on this host the same zone
     * as this one) in the configured zone ({@code wenshu.archive.zone}).
     */
    private static String time(java.time.LocalDateTime time, java.time.ZoneId zone) {
        return TIME.format(time.atZone(java.time.ZoneId.systemDefault()).withZoneSameInstant(zone));
    }

    private static void print(PrintWriter out, JobSummary s) {
        print(out, s, SHOWN_PER_REASON);
    }

    /**
     * Prints the report of {@code s}. The files of an import's report are grouped by reason with at most
     * {@code shown} paths each (all when negative); the full list stays with the execution
     * ({@code wenshu batch status ID --all}).
     */
    private static void print(PrintWriter out, JobSummary s, int shown) {
        out.printf("作业 %s（执行 %d）：%s，进度 %d/%s%s%n", s.job(), s.executionId(), label(s.status()), s.done(),
                s.total() < 0 ? "?" : Long.toString(s.total()),
                s.start().isPresent() && s.end().isPresent()
                        ? "，用时 " + Duration.between(s.start().get(), s.end().get()).toSeconds() + " 秒" : "");
        out.println("  参数 " + s.parameters());
        s.details().lines().forEach(line -> out.println("  " + line)); // the overdue report lists reminders, one a line
        List<ProblemGroups.Entry> files = new ArrayList<>();
        for (String line : s.problems()) {
            java.util.regex.Matcher file = ImportJobConfiguration.PROBLEM.matcher(line);
            if (s.job().equals(ImportJobConfiguration.JOB) && file.matches()) {
                files.add(new ProblemGroups.Entry(file.group(1), file.group(2), file.group(3)));
            }
        }
        if (!files.isEmpty() && files.size() == s.problems().size()) {
            out.println("  跳过 / 失败 " + files.size() + " 个文件：");
            ProblemGroups.print(out, "    ", files, shown,
                    "；wenshu batch status " + s.executionId() + " --all 列出全部");
        } else if (!s.problems().isEmpty()) {
            // Bulk issue skips bad rows; a fixity audit finds differences in the archive, which nothing skips.
            out.println("  " + (s.job().equals(FixityJobConfiguration.JOB) ? "发现的问题" : "跳过 / 问题") + " "
                    + s.problems().size() + " 处：");
            s.problems().forEach(p -> out.println("    " + p));
        }
        s.failures().forEach(f -> out.println("  失败原因：" + f));
        out.flush();
    }

    private static String label(BatchStatus status) {
        return switch (status) {
            case COMPLETED -> "已完成 COMPLETED";
            case FAILED -> "失败 FAILED";
            case STARTED, STARTING -> "运行中 STARTED";
            case STOPPED, STOPPING -> "已停止 STOPPED";
            case ABANDONED -> "已放弃 ABANDONED";
            default -> status.name();
        };
    }

    /** Progress as a bar redrawn in place on a terminal, or a log line every ten seconds otherwise. */
    private static final class Progress {

        private final PrintWriter out;
        private final boolean terminal;
        private long firstDone = -1;
        private long firstNanos;
        private long lastLine;
        private boolean drawn;

        Progress(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        synchronized void show(JobSummary s) {
            long now = System.nanoTime();
            // A restarted step reports 0 until its first commit restores the position: measure from the lowest.
            if (firstDone < 0 || s.done() < firstDone) {
                firstDone = s.done();
                firstNanos = now;
            }
            double seconds = (now - firstNanos) / 1e9;
            double rate = seconds > 0 ? (s.done() - firstDone) / seconds : 0;
            String eta = s.total() > 0 && rate > 0 ? formatSeconds((s.total() - s.done()) / rate) : "--:--";
            String counts = s.done() + "/" + (s.total() < 0 ? "?" : s.total());
            if (terminal) {
                int width = 30;
                int filled = s.total() > 0 ? (int) Math.min(width, width * s.done() / s.total()) : 0;
                out.printf("\r%s [%s%s] %s  %.1f/s  剩余 %s   ", s.job(), "#".repeat(filled), ".".repeat(width - filled),
                        counts, rate, eta);
                out.flush();
                drawn = true;
            } else if (now - lastLine >= 10_000_000_000L || lastLine == 0) {
                lastLine = now;
                out.printf("%s 进度 %s，%.1f/s，预计剩余 %s%n", s.job(), counts, rate, eta);
                out.flush();
            }
        }

        synchronized void end() {
            if (drawn) {
                out.println();
                drawn = false;
            }
        }

        private static String formatSeconds(double seconds) {
            long s = Math.round(seconds);
            return String.format("%d:%02d", s / 60, s % 60);
        }
    }
}
