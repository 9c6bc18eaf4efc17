package org.wenshu.batch.fixity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.wenshu.archive.Archive;
import org.wenshu.archive.FixityReport;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.StoredFile;
import org.wenshu.archive.storage.StorageFailure;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.FailureReason;
import org.wenshu.batch.FailureReasons;
import org.wenshu.batch.JobOwner;
import org.wenshu.batch.SignatureVerifier;

/**
 * The fixity job (完整性校验): partitions the records over the cores; each partition re-reads every object of its
 * records, compares the SHA-256 with the database and {@code record.json} and verifies the instrument's signatures,
 * throttled to {@code maxObjectsPerSecond}; a last step writes the report (kept with the job execution) and an
 * audit event. Restartable: finished partitions are not checked again, a partition resumes after its last chunk.
 */
@Configuration(proxyBeanMethods = false)
public class FixityJobConfiguration {

    public static final String JOB = "fixity";
    public static final String CHECK_STEP = "fixity.check";
    public static final String RECORDS_STEP = "fixity.records";
    public static final String REPORT_STEP = "fixity.report";
    /** Job parameter: the most objects re-read per second over all partitions; 0 for no limit. */
    public static final String MAX_OBJECTS_PER_SECOND = "maxObjectsPerSecond";

    static final String DONE = "wenshu.done";
    static final String TOTAL = "wenshu.total";
    /** A partition's problems; the report step gathers them into the job's {@code wenshu.problems}. */
    static final String PROBLEMS = "fixity.problems";
    static final String OBJECTS = "fixity.objects";

    @Bean
    Job fixityJob(JobRepository repository, Step fixityCheckStep, Step fixityReportStep) {
        return new JobBuilder(JOB, repository).listener(new JobOwner(repository))
                .listener(new FailureReasons(repository))
                .start(fixityCheckStep).next(fixityReportStep).build();
    }

    @Bean
    Step fixityCheckStep(JobRepository repository, BatchSettings settings, Step fixityRecordsStep, Archive archive) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("wenshu-fixity-");
        threads.setConcurrencyLimit(settings.threads());
        return new StepBuilder(CHECK_STEP, repository)
                .listener(new WholeJobTotal(repository, archive))
                .partitioner(RECORDS_STEP, ranges(archive))
                .step(fixityRecordsStep)
                .gridSize(settings.threads())
                .taskExecutor(threads)
                .build();
    }

    @Bean
    Step fixityRecordsStep(JobRepository repository, PlatformTransactionManager transactionManager,
                           RecordRange fixityReader, CheckRecord fixityProcessor, Findings fixityWriter) {
        return new StepBuilder(RECORDS_STEP, repository)
                .<InstrumentRecord, Checked>chunk(20)
                .transactionManager(transactionManager)
                .reader(fixityReader)
                .processor(fixityProcessor)
                .writer(fixityWriter)
                .build();
    }

    @Bean
    Step fixityReportStep(JobRepository repository, PlatformTransactionManager transactionManager, Archive archive) {
        return new StepBuilder(REPORT_STEP, repository).tasklet((contribution, chunk) -> {
            StepExecution report = chunk.getStepContext().getStepExecution();
            JobExecution job = report.getJobExecution();
            long records = 0;
            long objects = 0;
            long total = 0;
            List<String> problems = new ArrayList<>();
            // The partitions of every run of this instance: a restart does not re-run the finished ones.
            for (String name : repository.getJobInstance(job.getJobInstanceId()) == null ? List.<String>of()
                    : partitionNames(job, repository)) {
                StepExecution partition = repository.getLastStepExecution(job.getJobInstance(), name);
                if (partition == null) {
                    continue;
                }
                ExecutionContext context = partition.getExecutionContext();
                records += context.getLong(DONE, 0L);
                objects += context.getLong(OBJECTS, 0L);
                total += context.getLong(TOTAL, 0L);
                problems.addAll(lines(context.containsKey(PROBLEMS) ? context.getString(PROBLEMS) : ""));
            }
            ExecutionContext context = job.getExecutionContext();
            context.putLong(DONE, records);
            context.putLong(TOTAL, total);
            context.putLong(OBJECTS, objects);
            context.putString("wenshu.problems", String.join("\n", problems));
            context.putString("wenshu.details", "已校验 " + records + " 份记录、" + objects + " 个对象；发现 " + problems.size() + " 处问题");
            archive.auditFixity("batch:" + JOB, records, objects, problems);
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    private static List<String> partitionNames(JobExecution job, JobRepository repository) {
        Set<String> names = new LinkedHashSet<>();
        for (JobExecution execution : repository.getJobExecutions(job.getJobInstance())) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStepName().startsWith(RECORDS_STEP + ":")) {
                    names.add(step.getStepName());
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * Stores the number of records the whole audit covers in the job's context before any partition starts: a
     * partition's own total is committed only with its first chunk, so until every partition had one, progress would
     * be done/total of some partitions (11/11 of 23). The job-level total wins over the partitions' sum
     * ({@link org.wenshu.batch.JobSummary}); the report step replaces it with the partitions' exact sum.
     */
    public static final class WholeJobTotal implements org.springframework.batch.core.listener.StepExecutionListener {

        private final JobRepository repository;
        private final Archive archive;

        public WholeJobTotal(JobRepository repository, Archive archive) {
            this.repository = repository;
            this.archive = archive;
        }

        @Override
        public void beforeStep(StepExecution step) {
            JobExecution job = step.getJobExecution();
            job.getExecutionContext().putLong(TOTAL, countRecords(archive));
            repository.updateExecutionContext(job);
        }
    }

    /** Contiguous ranges of the records in issue order, one per partition. */
    static Partitioner ranges(Archive archive) {
        return gridSize -> {
            long count = countRecords(archive);
            Map<String, ExecutionContext> partitions = new HashMap<>();
            long size = Math.max(1, (count + gridSize - 1) / gridSize);
            int index = 0;
            for (long from = 0; from < Math.max(count, 1); from += size, index++) {
                ExecutionContext context = new ExecutionContext();
                context.putLong("from", from);
                context.putLong("to", Math.min(count, from + size));
                partitions.put("partition" + index, context);
            }
            return partitions;
        };
    }

    private static long countRecords(Archive archive) {
        long count = 0;
        List<InstrumentRecord> page;
        do {
            page = archive.records((int) count, 1000);
            count += page.size();
        } while (page.size() == 1000);
        return count;
    }

    @Bean
    @StepScope
    RecordRange fixityReader(Archive archive, @Value("#{stepExecutionContext['from']}") Long from,
                             @Value("#{stepExecutionContext['to']}") Long to) {
        return new RecordRange(archive, from, to);
    }

    @Bean
    @StepScope
    CheckRecord fixityProcessor(Archive archive, SignatureVerifier signatures, BatchSettings settings,
                                @Value("#{jobParameters['" + MAX_OBJECTS_PER_SECOND + "']}") Long maxObjectsPerSecond) {
        double perPartition = maxObjectsPerSecond == null || maxObjectsPerSecond <= 0 ? 0
                : (double) maxObjectsPerSecond / settings.threads();
        return new CheckRecord(archive, signatures, perPartition);
    }

    @Bean
    @StepScope
    Findings fixityWriter() {
        return new Findings();
    }

    /** What one record's check found. */
    record Checked(String recordId, int objects, List<String> problems) {
    }

    /** The records {@code [from, to)} in issue order. */
    static class RecordRange extends AbstractItemCountingItemStreamItemReader<InstrumentRecord> {

        private final Archive archive;
        private final long from;
        private final long to;
        private Iterator<InstrumentRecord> records;

        RecordRange(Archive archive, long from, long to) {
            this.archive = archive;
            this.from = from;
            this.to = to;
            setName("fixity.records");
        }

        @Override
        protected void doOpen() {
            records = archive.records((int) from, (int) (to - from)).iterator();
        }

        @Override
        protected InstrumentRecord doRead() {
            return records.hasNext() ? records.next() : null;
        }

        @Override
        protected void doClose() {
            records = null;
        }

        @Override
        public void update(ExecutionContext context) {
            super.update(context);
            context.putLong(TOTAL, to - from);
        }
    }

    /** Re-hashes a record's objects and verifies its instrument's signatures, no faster than the throttle allows. */
    static class CheckRecord implements ItemProcessor<InstrumentRecord, Checked> {

        private final Archive archive;
        private final SignatureVerifier signatures;
        private final double objectsPerSecond;
        private long started = System.nanoTime();
        private long objects;

        CheckRecord(Archive archive, SignatureVerifier signatures, double objectsPerSecond) {
            this.archive = archive;
            this.signatures = signatures;
            this.objectsPerSecond = objectsPerSecond;
        }

        @Override
        public Checked process(InstrumentRecord record) throws InterruptedException {
            for (int attempt = 1; ; attempt++) {
                try {
                    return check(record);
                } catch (StorageFailure e) {
                    // A dropped connection to the object store is not a finding: read again, then give up (the job
                    // fails and a restart resumes after the last committed chunk).
                    if (attempt == 3) {
                        throw e;
                    }
                    Thread.sleep(200L * attempt);
                }
            }
        }

        private Checked check(InstrumentRecord record) throws InterruptedException {
            FixityReport report = archive.fixity(Optional.of(record.id()));
            List<String> problems = new ArrayList<>();
            String label = record.number().text() + "（" + record.id() + "）";
            report.problems().forEach(p -> problems.add(label + " " + p.key() + "：" + p.description()));
            Optional<StoredFile> pdf = record.objects().stream().filter(o -> o.key().endsWith("/instrument.pdf")).findFirst();
            if (pdf.isPresent()) {
                Optional<byte[]> bytes = archive.read(pdf.get().key());
                if (bytes.isPresent()) {
                    try {
                        signatures.problems(bytes.get()).forEach(p -> problems.add(label + " " + p));
                    } catch (RuntimeException e) {
                        problems.add(label + " 签名无法验证：" + FailureReason.of(e));
                    }
                }
            }
            throttle(report.objectsChecked());
            return new Checked(record.id(), report.objectsChecked(), problems);
        }

        /** Sleeps until the objects read so far are within the allowed rate. */
        private void throttle(int read) throws InterruptedException {
            objects += read;
            if (objectsPerSecond <= 0) {
                return;
            }
            long due = started + (long) (objects / objectsPerSecond * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    /** Accumulates a partition's counts and problems in its execution context, committed with each chunk. */
    static class Findings implements ItemWriter<Checked>, ItemStream {

        private long records;
        private long objects;
        private final List<String> problems = new ArrayList<>();

        @Override
        public void write(Chunk<? extends Checked> chunk) {
            for (Checked checked : chunk) {
                records++;
                objects += checked.objects();
                problems.addAll(checked.problems());
            }
        }

        @Override
        public void open(ExecutionContext context) {
            records = context.getLong(DONE, 0L);
            objects = context.getLong(OBJECTS, 0L);
            problems.clear();
            problems.addAll(lines(context.containsKey(PROBLEMS) ? context.getString(PROBLEMS) : ""));
        }

        @Override
        public void update(ExecutionContext context) {
            context.putLong(DONE, records);
            context.putLong(OBJECTS, objects);
            context.putString(PROBLEMS, String.join("\n", problems));
        }
    }

    private static List<String> lines(String text) {
        return text.isBlank() ? List.of() : List.of(text.split("\n"));
    }
}
