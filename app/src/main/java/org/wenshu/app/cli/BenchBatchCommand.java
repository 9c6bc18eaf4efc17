package org.wenshu.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.wenshu.archive.Archive;
import org.wenshu.batch.BatchJobs;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.IndexFollower;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.batch.JobSummary;
import org.wenshu.batch.bulk.BulkIssueInput;
import org.wenshu.batch.bulk.RecipientLists;
import org.wenshu.batch.bulk.RecipientTable;
import org.wenshu.batch.bulk.BulkIssueJobConfiguration;
import org.wenshu.batch.bulk.BulkIssueParameters;
import org.wenshu.batch.fixity.FixityJobConfiguration;
import org.wenshu.batch.imports.ImportJobConfiguration;
import org.wenshu.batch.reindex.ReindexJobConfiguration;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.search.RecordIndex;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TemplateRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wenshu bench batch}: the batch jobs end to end on an empty archive. Bulk-issue of N meeting notices, after a
 * warm-up bulk-issue of other rows in the same JVM (as bench render warms up before it measures), is reported in
 * instruments per wall-clock second and per CPU-second of the process, beside two references over the same rows: the
 * pipeline ceiling (the same per-row work on the same threads without Spring Batch, see {@link BulkIssueReferences};
 * half of the rows before bulk-issue and half after, so that both meet the JIT equally warm on average) and render only (what bench render counts), each with the JIT and GC seconds and the load average of its phase, and
 * bulk-issue as a percentage of both; then where bulk-issue's thread time went (render, sign, number + store + commit,
 * index). Then reindex of everything in the archive (MB of text per second) and fixity of every record (objects per
 * second). The archive keeps every instrument issued: warm-up + 2 × N of them.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"批处理性能：预热后批量发文（份/秒、每 CPU 秒份数，及渲染、签章、存档、索引占比），并对同样的行测"
                + "“流水线上限”（不经 Spring Batch、同样线程数做同样的编号、渲染、签章、存档、索引）和“仅渲染”（即 bench render 所测），"
                + "给出批量发文占二者的百分比；再测重建索引（MB/s）和完整性校验（对象/秒）。需空的 WENSHU_HOME。",
                "Columns: instruments/s (wall clock), per CPU-s (per CPU-second of the whole process), CPU-s of the "
                        + "process, of its JIT compiler threads and of its GC threads in the phase, load (one-minute load "
                        + "average at its end)."})
public class BenchBatchCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> AGENCIES = List.of("市公安局", "市司法局", "市政数局", "市教育局", "市卫健委",
            "市人社局", "市乡村振兴局", "市民政局", "市农业农村局");

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1000", description = "批量发文的行数（默认 ${DEFAULT-VALUE}）")
    int rows;

    @Option(names = "--warmup-rows", defaultValue = "200",
            description = "计时前预热的批量发文行数（同一 JVM、另一份名单；默认 ${DEFAULT-VALUE}，0 为不预热）")
    int warmupRows;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "${sys:wenshu.root:-.}/../shared/corpus/laws",
            description = "重建索引前导入档案的法律法规文本文件夹（默认 the law corpus；不存在则只重建已发文书）")
    Path corpus;

    private final ObjectProvider<BatchJobs> jobs;
    private final ObjectProvider<Archive> archive;
    private final ObjectProvider<BatchSettings> settings;
    private final ObjectProvider<RecordIndex> index;
    private final ObjectProvider<InstrumentIssuer> issuer;
    private final ObjectProvider<IndexFollower> follower;
    private final ObjectProvider<PdfRenderer> pdf;
    private final TemplateRenderer templates;
    private final InstrumentCatalog catalog;
    private final Path home;
    private final String root;

    public BenchBatchCommand(ObjectProvider<BatchJobs> jobs, ObjectProvider<Archive> archive,
                             ObjectProvider<BatchSettings> settings, ObjectProvider<RecordIndex> index,
                             ObjectProvider<InstrumentIssuer> issuer, ObjectProvider<IndexFollower> follower,
                             ObjectProvider<PdfRenderer> pdf, TemplateRenderer templates, InstrumentCatalog catalog,
                             @Value("${wenshu.home}") Path home, @Value("${wenshu.root:.}") String root) {
        this.jobs = jobs;
        this.archive = archive;
        this.settings = settings;
        this.index = index;
        this.issuer = issuer;
        this.follower = follower;
        this.pdf = pdf;
        this.templates = templates;
        this.catalog = catalog;
        this.home = home;
        this.root = root;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (rows < 1 || rows > 100_000 || warmupRows < 0 || warmupRows > 100_000) {
            throw new ExitCodes.BadInput("--rows 须在 1 到 100000 之间，--warmup-rows 在 0 到 100000 之间");
        }
        if (!archive.getObject().records(0, 1).isEmpty()) {
            throw new ExitCodes.BadInput("bench batch 会向档案写入 " + (warmupRows + 2L * rows) + " 份文书：请用空的 WENSHU_HOME 运行，"
                    + "例如 WENSHU_HOME=/tmp/wenshu-bench ./wenshu bench batch");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createDirectories(home.resolve("bench-batch"));
        Path data = baseData(scratch);
        Path list = list(scratch.resolve("recipients.xlsx"), rows, "专题会议");
        BatchSettings tuning = settings.getObject();
        Map<String, String> arguments = Map.of("type", "meeting-notice", "data", data.toString(), "file", list.toString());
        BulkIssueInput input = new BulkIssueInput(BulkIssueParameters.of(arguments, catalog, 0), catalog,
                new RecipientLists(tuning.maxRows(), tuning.maxListBytes()), issuer.getObject(), archive.getObject());
        // The ceiling issues the same work from a list of its own (a meeting name of the same length): its instruments
        // must differ from bulk-issue's, or bulk-issue would find them already issued and skip those rows.
        Path ceilingList = list(scratch.resolve("ceiling.xlsx"), rows, "对照会议");
        BulkIssueInput ceilingInput = new BulkIssueInput(BulkIssueParameters.of(Map.of("type", "meeting-notice", "data",
                data.toString(), "file", ceilingList.toString()), catalog, 0), catalog,
                new RecipientLists(tuning.maxRows(), tuning.maxListBytes()), issuer.getObject(), archive.getObject());
        BulkIssueReferences references = new BulkIssueReferences(archive.getObject(), issuer.getObject(),
                follower.getObject(), templates, pdf.getObject());
        out.printf("bench batch: %d rows of meeting-notice (%d pages each), %d threads, chunks of %d, %d cores, load %.2f%n",
                rows, references.pages(input), tuning.threads(), tuning.chunkSize(),
                Runtime.getRuntime().availableProcessors(), load());
        out.flush();
        BatchJobs batch = jobs.getObject();
        // Each job is measured alone: the embedding of passage vectors (bge-small-zh, several times the CPU of a
        // render per instrument) waits until the bench ends; the records stay pending and the next start embeds them.
        try (RecordIndex.Hold vectors = index.getObject().holdVectors()) {
            measureBulkIssue(out, batch, input, ceilingInput, references, arguments, scratch, tuning);
            return measureOthers(out, batch);
        }
    }

    private void measureBulkIssue(PrintWriter out, BatchJobs batch, BulkIssueInput input, BulkIssueInput ceilingInput,
                                  BulkIssueReferences references, Map<String, String> arguments, Path scratch,
                                  BatchSettings tuning)
            throws IOException, InterruptedException {
        if (warmupRows > 0) {
            // The same job on a list of its own (another job instance, instruments of their own), so that the measured
            // run starts with the code compiled as bench render's does after its warm-up.
            Path warmList = list(scratch.resolve("warm-up.xlsx"), warmupRows, "预备会议");
            BenchPhase.Clock clock = new BenchPhase.Clock();
            require(batch.run(BulkIssueJobConfiguration.JOB, BulkIssueParameters.of(
                    Map.of("type", "meeting-notice", "data", arguments.get("data"), "file", warmList.toString()), catalog, 0)));
            BenchPhase warm = clock.stop(warmupRows);
            out.printf("warm-up     %d rows by bulk-issue in %.1f s, not counted (%.1f instruments/s; CPU-s: JIT %.1f, GC %.1f)%n",
                    warmupRows, warm.seconds(), warm.perSecond(), warm.jitSeconds(), warm.gcSeconds());
            out.flush();
        }
        // The JIT keeps compiling for thousands of rows (code run once per row reaches C2's thresholds late), so the
        // phase measured first would pay for more of it: the ceiling's first half runs before bulk-issue and its
        // second half after, so that on average both are measured equally warm.
        List<RecipientTable.Row> all = ceilingInput.table().rows();
        BenchPhase before = references.ceiling(ceilingInput, all.subList(0, all.size() / 2), tuning.threads(),
                tuning.chunkSize());
        BenchPhase.Clock clock = new BenchPhase.Clock();
        JobExecution bulk = batch.run(BulkIssueJobConfiguration.JOB, BulkIssueParameters.of(arguments, catalog, 0));
        BenchPhase issued = clock.stop(rows);
        require(bulk);
        List<String> notIssued = JobSummary.of(bulk, batch.steps(bulk)).problems();
        if (!notIssued.isEmpty()) {
            throw new IllegalStateException("bench batch: bulk-issue did not issue every row: " + notIssued);
        }
        BenchPhase ceiling = before.plus(references.ceiling(ceilingInput, all.subList(all.size() / 2, all.size()),
                tuning.threads(), tuning.chunkSize()));
        out.printf("%-18s %13s %10s %7s %6s %6s %6s%n", "", "instruments/s", "per CPU-s", "CPU-s", "JIT", "GC", "load");
        row(out, "bulk-issue", issued, String.format("the job end to end, its validation step (%.1f s) included",
                stepSeconds(bulk, BulkIssueJobConfiguration.VALIDATE_STEP)));
        row(out, "pipeline ceiling", ceiling, "the same rows' work on " + tuning.threads()
                + " threads without Spring Batch (number, render, mark, seal, store, commit, index), half before "
                + "bulk-issue, half after");
        out.flush();
        BenchPhase render = references.renderOnly(input, tuning.threads());
        row(out, "render only", render, "template + PDF/A of the same rows on " + tuning.threads()
                + " threads, as bench render counts (no number, mark, seal, store, index)");
        // CPU outside the compiler threads compares the work alone, whatever the JIT still compiles meanwhile.
        out.printf("bulk-issue: %.0f %% of the pipeline ceiling (per CPU-second %.0f %%, outside the JIT %.0f %%), "
                        + "%.0f %% of render only (%.0f %%, %.0f %%); the issue's target: at least 80 %% of bench render's "
                        + "two-thread rate%n",
                percent(issued.perSecond(), ceiling.perSecond()), percent(issued.perCpuSecond(), ceiling.perCpuSecond()),
                percent(issued.perWorkCpuSecond(), ceiling.perWorkCpuSecond()),
                percent(issued.perSecond(), render.perSecond()), percent(issued.perCpuSecond(), render.perCpuSecond()),
                percent(issued.perWorkCpuSecond(), render.perWorkCpuSecond()));

        ExecutionContext step = bulk.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(BulkIssueJobConfiguration.ISSUE_STEP)).findFirst().orElseThrow()
                .getExecutionContext();
        double renderSeconds = seconds(step, "wenshu.nanos.render");
        double sign = seconds(step, "wenshu.nanos.sign");
        double issue = seconds(step, "wenshu.nanos.issue");
        double indexing = seconds(step, "wenshu.nanos.index");
        double store = Math.max(0, issue - renderSeconds - sign);
        double busy = issue + indexing;
        out.printf("bulk-issue's thread time: render %.0f %%, sign %.0f %%, number+store+commit %.0f %%, index %.0f %%; "
                        + "CPU per instrument: render %.0f ms, sign %.0f ms; its %d threads were issuing rows %.0f %% of "
                        + "the run (the rest: validation, chunk ends, commits of the job's progress)%n",
                100 * renderSeconds / busy, 100 * sign / busy, 100 * store / busy, 100 * indexing / busy,
                1000 * seconds(step, "wenshu.cpu.render") / rows, 1000 * seconds(step, "wenshu.cpu.sign") / rows,
                tuning.threads(), 100 * issue / (tuning.threads() * issued.seconds()));
        // What the target can reach at all: bulk-issue renders as much as render only does and seals besides, so even
        // with numbering, storing, committing and indexing free its rate is at most render / (render + seal) of render
        // only's, on the same cores.
        double renderMillis = render.perWorkCpuSecond() > 0 ? 1000 / render.perWorkCpuSecond() : 0;
        double sealMillis = 1000 * seconds(step, "wenshu.cpu.sign") / rows;
        out.printf("bound: render only spends %.1f ms of CPU (outside the JIT) per instrument and sealing %.1f ms more, so "
                        + "a bulk issue doing nothing but render and seal could reach at most %.0f %% of render only's rate "
                        + "on the same cores%n",
                renderMillis, sealMillis, percent(renderMillis, renderMillis + sealMillis));
        out.flush();
    }

    private static void row(PrintWriter out, String name, BenchPhase phase, String what) {
        out.printf("%-18s %13.2f %10.2f %7.1f %6.1f %6.1f %6.2f   %d in %.1f s: %s%n", name, phase.perSecond(),
                phase.perCpuSecond(), phase.cpuSeconds(), phase.jitSeconds(), phase.gcSeconds(), phase.load(),
                phase.items(), phase.seconds(), what);
    }

    private static double stepSeconds(JobExecution execution, String step) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(step))
                .filter(s -> s.getStartTime() != null && s.getEndTime() != null).findFirst()
                .map(s -> java.time.Duration.between(s.getStartTime(), s.getEndTime()).toNanos() / 1e9).orElse(0.0);
    }

    private static double percent(double part, double whole) {
        return whole > 0 ? 100 * part / whole : 0;
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private int measureOthers(PrintWriter out, BatchJobs batch) {
        long start;
        long cpuStart;
        if (corpus != null && Files.isDirectory(corpus)) {
            // The law corpus joins the archive (as reference texts) so that reindex is measured on the texts that
            // bench search imports.
            JobExecution imported = batch.run(ImportJobConfiguration.JOB, new JobParametersBuilder()
                    .addString(ImportJobConfiguration.DIR, corpus.toAbsolutePath().normalize().toString())
                    .addString("requestedAt", java.time.Instant.now().toString()).toJobParameters());
            require(imported);
            out.printf("import      %s%n", imported.getExecutionContext().getString("wenshu.details", ""));
        } else {
            out.printf("import      skipped: no law corpus at %s (--corpus DIR); reindex covers the issued instruments only%n", corpus);
        }
        out.flush();
        start = System.nanoTime();
        cpuStart = processCpuNanos();
        JobExecution reindex = batch.run(ReindexJobConfiguration.JOB, new JobParametersBuilder()
                .addString("requestedAt", java.time.Instant.now().toString()).toJobParameters());
        require(reindex);
        ExecutionContext rebuilt = reindex.getExecutionContext();
        double reindexSeconds = rebuilt.getLong("reindex.nanos") / 1e9;
        out.printf("reindex     %8.2f MB/s of text  (%d records, %.1f MB in %.1f s, %d partitions; job %.1f s)%n",
                rebuilt.getLong("reindex.bytes") / 1e6 / reindexSeconds, rebuilt.getLong("reindex.records"),
                rebuilt.getLong("reindex.bytes") / 1e6, reindexSeconds, rebuilt.getInt("reindex.partitions"),
                (System.nanoTime() - start) / 1e9);
        double reindexCpu = (processCpuNanos() - cpuStart) / 1e9;
        out.printf("            %8.2f MB per CPU-second of the whole process (%.1f CPU-s); compare the corpus import + "
                + "index figures of: ./wenshu bench search%n", rebuilt.getLong("reindex.bytes") / 1e6 / reindexCpu, reindexCpu);
        out.flush();

        start = System.nanoTime();
        JobExecution fixity = batch.run(FixityJobConfiguration.JOB, new JobParametersBuilder()
                .addString("requestedAt", java.time.Instant.now().toString()).toJobParameters());
        double fixitySeconds = (System.nanoTime() - start) / 1e9;
        require(fixity);
        long objects = fixity.getExecutionContext().getLong("fixity.objects", 0L);
        out.printf("fixity      %8.2f objects/s  (%d objects of %d records, signatures verified, in %.1f s)%n",
                objects / fixitySeconds, objects, fixity.getExecutionContext().getLong("wenshu.done", 0L), fixitySeconds);
        return ExitCodes.OK;
    }

    private static long processCpuNanos() {
        return BenchPhase.cpuNanos();
    }

    private static void require(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("job " + execution.getJobInstance().getJobName() + " ended " + execution.getStatus()
                    + ": " + execution.getAllFailureExceptions());
        }
    }

    private static double seconds(ExecutionContext context, String key) {
        return context.get(key) instanceof Number n ? n.doubleValue() / 1e9 : 0;
    }

    private Path baseData(Path scratch) throws IOException {
        Path example = Path.of(root, "examples", "meeting-notice.json");
        if (!Files.isRegularFile(example)) {
            throw new ExitCodes.BadInput("找不到 examples/meeting-notice.json（在仓库根目录用 ./wenshu 运行）");
        }
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(example.toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("copiesTo", List.of("市政府办"));
        Path file = scratch.resolve("meeting-notice.json");
        Files.write(file, JSON.writeValueAsBytes(fields));
        return file;
    }

    /** A recipient list of {@code rows} rows whose titles name the {@code meeting}. */
    private static Path list(Path file, int rows, String meeting) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("名单");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("主送单位");
            header.createCell(1).setCellValue("标题");
            for (int i = 0; i < rows; i++) {
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(AGENCIES.get(i % AGENCIES.size()));
                row.createCell(1).setCellValue("关于召开第" + (i + 1) + "次“府检联动”" + meeting + "的通知");
            }
            workbook.write(out);
            workbook.close();
        }
        return file;
    }
}
