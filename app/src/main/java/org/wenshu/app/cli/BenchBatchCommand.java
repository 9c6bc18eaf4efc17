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
import org.wenshu.batch.bulk.BulkIssueJobConfiguration;
import org.wenshu.batch.bulk.BulkIssueParameters;
import org.wenshu.batch.fixity.FixityJobConfiguration;
import org.wenshu.batch.imports.ImportJobConfiguration;
import org.wenshu.batch.reindex.ReindexJobConfiguration;
import org.wenshu.search.RecordIndex;
import org.wenshu.templates.InstrumentCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wenshu bench batch}: the batch jobs end to end on an empty archive: bulk-issue of N meeting notices
 * (instruments per second and where the time went), reindex of everything in the archive (MB of text per second)
 * and fixity of the issued records (objects per second).
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "批处理性能：批量发文（份/秒及渲染、签章、存档、索引占比）、重建索引（MB/s）、完整性校验（对象/秒）。需空的 WENSHU_HOME。")
public class BenchBatchCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> AGENCIES = List.of("市公安局", "市司法局", "市政数局", "市教育局", "市卫健委",
            "市人社局", "市乡村振兴局", "市民政局", "市农业农村局");

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1000", description = "批量发文的行数（默认 ${DEFAULT-VALUE}）")
    int rows;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "${sys:wenshu.root:-.}/../shared/corpus/laws",
            description = "重建索引前导入档案的法律法规文本文件夹（默认 the law corpus；不存在则只重建已发文书）")
    Path corpus;

    private final ObjectProvider<BatchJobs> jobs;
    private final ObjectProvider<Archive> archive;
    private final ObjectProvider<BatchSettings> settings;
    private final ObjectProvider<RecordIndex> index;
    private final InstrumentCatalog catalog;
    private final Path home;
    private final String root;

    public BenchBatchCommand(ObjectProvider<BatchJobs> jobs, ObjectProvider<Archive> archive,
                             ObjectProvider<BatchSettings> settings, ObjectProvider<RecordIndex> index,
                             InstrumentCatalog catalog,
                             @Value("${wenshu.home}") Path home, @Value("${wenshu.root:.}") String root) {
        this.jobs = jobs;
        this.archive = archive;
        this.settings = settings;
        this.index = index;
        this.catalog = catalog;
        this.home = home;
        this.root = root;
    }

    @Override
    public Integer call() throws IOException {
        if (rows < 1 || rows > 100_000) {
            throw new ExitCodes.BadInput("--rows 须在 1 到 100000 之间");
        }
        if (!archive.getObject().records(0, 1).isEmpty()) {
            throw new ExitCodes.BadInput("bench batch 会向档案写入 " + rows + " 份文书：请用空的 WENSHU_HOME 运行，"
                    + "例如 WENSHU_HOME=/tmp/wenshu-bench ./wenshu bench batch");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createDirectories(home.resolve("bench-batch"));
        Path data = baseData(scratch);
        Path list = list(scratch, rows);
        BatchSettings tuning = settings.getObject();
        out.printf("bench batch: %d rows of meeting-notice, %d threads, chunks of %d, %d cores%n", rows, tuning.threads(),
                tuning.chunkSize(), Runtime.getRuntime().availableProcessors());
        out.flush();
        BatchJobs batch = jobs.getObject();
        // Each job is measured alone: the embedding of passage vectors (bge-small-zh, several times the CPU of a
        // render per instrument) waits until the bench ends; the records stay pending and the next start embeds them.
        try (RecordIndex.Hold vectors = index.getObject().holdVectors()) {
            return measure(out, batch, data, list);
        }
    }

    private int measure(PrintWriter out, BatchJobs batch, Path data, Path list) {

        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        JobExecution bulk = batch.run(BulkIssueJobConfiguration.JOB, BulkIssueParameters.of(
                Map.of("type", "meeting-notice", "data", data.toString(), "file", list.toString()), catalog, 0));
        double bulkSeconds = (System.nanoTime() - start) / 1e9;
        double bulkCpu = (processCpuNanos() - cpuStart) / 1e9;
        require(bulk);
        ExecutionContext step = bulk.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(BulkIssueJobConfiguration.ISSUE_STEP)).findFirst().orElseThrow()
                .getExecutionContext();
        double render = seconds(step, "wenshu.nanos.render");
        double sign = seconds(step, "wenshu.nanos.sign");
        double issue = seconds(step, "wenshu.nanos.issue");
        double index = seconds(step, "wenshu.nanos.index");
        double store = Math.max(0, issue - render - sign);
        double busy = issue + index;
        out.printf("bulk-issue  %8.2f instruments/s  (%d in %.1f s, validation included)%n", rows / bulkSeconds, rows, bulkSeconds);
        out.printf("            %8.2f instruments per CPU-second of the whole process (%.1f CPU-s: render, sign, store, "
                + "database, embedded S3, index, GC, JIT; compare bench render's per-CPU-second column, a machine "
                + "shared with other work slows the wall-clock rate, not this one)%n", rows / bulkCpu, bulkCpu);
        out.printf("            share of thread time: render %.0f %%, sign %.0f %%, number+store+commit %.0f %%, index %.0f %%%n",
                100 * render / busy, 100 * sign / busy, 100 * store / busy, 100 * index / busy);
        out.printf("            CPU per instrument: render %.0f ms, sign %.0f ms (bench render's per-CPU-second column is "
                        + "the same measure: 1000 / ms); wall time over CPU time shows the wait for a core%n",
                1000 * seconds(step, "wenshu.cpu.render") / rows, 1000 * seconds(step, "wenshu.cpu.sign") / rows);
        out.flush();

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
        out.println("compare bulk-issue with the two-thread meeting-notice figure of: ./wenshu bench render");
        return ExitCodes.OK;
    }

    /** CPU time of this process (all its threads), in nanoseconds. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
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

    private static Path list(Path scratch, int rows) throws IOException {
        Path file = scratch.resolve("recipients.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("名单");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("主送单位");
            header.createCell(1).setCellValue("标题");
            for (int i = 0; i < rows; i++) {
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(AGENCIES.get(i % AGENCIES.size()));
                row.createCell(1).setCellValue("关于召开第" + (i + 1) + "次“府检联动”专题会议的通知");
            }
            workbook.write(out);
            workbook.close();
        }
        return file;
    }
}
