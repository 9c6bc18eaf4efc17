package org.wenshu.batch.reindex;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.wenshu.archive.Archive;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.FailureReasons;
import org.wenshu.batch.JobOwner;
import org.wenshu.batch.VectorsHeld;
import org.wenshu.search.IndexedRecord;
import org.wenshu.search.RecordIndex;

/**
 * The reindex job (重建索引): rebuilds the search index from the archive beside the live index, which keeps serving
 * until the new one is complete, then swaps it in atomically.
 * <ol>
 * <li>{@code reindex.prepare} takes the snapshot: the archive's last change seq, and the new generation's name
 * (one per job instance; folders of other, abandoned rebuilds are deleted);</li>
 * <li>{@code reindex.build} is a partitioned step: a {@link Partitioner} splits the records by the hash of their id
 * into one partition per thread, a {@link TaskExecutorPartitionHandler} runs one worker step per core, and each
 * worker reads its records (change log up to the snapshot, then the unlogged ones), builds their index records and
 * writes them into its own part of the new generation, committing the part with each chunk;</li>
 * <li>{@code reindex.swap} replaces the live index with the parts and re-applies the changes made since the
 * snapshot before any search sees the new index.</li>
 * </ol>
 * Restartable: a killed build resumes each unfinished partition from its last chunk (completed partitions are not
 * run again); a killed swap is run again. Until the swap commits, the live index is untouched and serves.
 */
@Configuration(proxyBeanMethods = false)
public class ReindexJobConfiguration {

    public static final String JOB = "reindex";
    public static final String PREPARE_STEP = "reindex.prepare";
    public static final String BUILD_STEP = "reindex.build";
    /** The worker step; its executions are named {@code reindex.part:partitionN}. */
    public static final String PART_STEP = "reindex.part";
    public static final String SWAP_STEP = "reindex.swap";
    /** Job context: the archive change seq the new generation is built up to. */
    static final String UP_TO = "reindex.upTo";
    static final String GENERATION = "reindex.generation";
    static final String PARTITIONS = "reindex.partitions";
    static final String PARTITION = "reindex.partition";
    /** Job context: the records the partitions read in all (JobSummary's generic total). */
    static final String TOTAL = "wenshu.total";
    /** Records (change-log keys) per chunk: one commit of a part each. */
    static final int CHUNK = 100;

    @Bean
    Job reindexJob(JobRepository repository, Step reindexPrepareStep, Step reindexBuildStep, Step reindexSwapStep,
                   ObjectProvider<RecordIndex> index) {
        return new JobBuilder(JOB, repository).listener(new JobOwner(repository))
                .listener(new FailureReasons(repository)).listener(new VectorsHeld(index))
                .start(reindexPrepareStep).next(reindexBuildStep).next(reindexSwapStep).build();
    }

    @Bean
    Step reindexPrepareStep(JobRepository repository, PlatformTransactionManager transactionManager,
                            BatchSettings settings, ObjectProvider<Archive> archive, ObjectProvider<RecordIndex> index,
                            ObjectProvider<ReindexSource> source) {
        return new StepBuilder(PREPARE_STEP, repository).tasklet((contribution, chunk) -> {
            JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
            String generation = "reindex-" + job.getJobInstance().getInstanceId();
            index.getObject().discardGenerations(Optional.of(generation));
            long upTo = archive.getObject().lastChange();
            job.getExecutionContext().putLong(UP_TO, upTo);
            job.getExecutionContext().putString(GENERATION, generation);
            job.getExecutionContext().putInt(PARTITIONS, settings.threads());
            // The partitions read each record the change log names up to the snapshot once, then the unlogged ones:
            // known now, so progress shows done/total, rate and ETA from the first chunk on (the parts count reads).
            job.getExecutionContext().putLong(TOTAL, archive.getObject().recordsChangedUpTo(upTo)
                    + source.getObject().unloggedIds().size());
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    Step reindexBuildStep(JobRepository repository, BatchSettings settings, Step reindexPartStep,
                          Partitioner reindexPartitioner) throws Exception {
        SimpleAsyncTaskExecutor workers = new SimpleAsyncTaskExecutor("wenshu-reindex-");
        workers.setConcurrencyLimit(settings.threads());
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(reindexPartStep);
        handler.setTaskExecutor(workers);
        handler.setGridSize(settings.threads());
        handler.afterPropertiesSet();
        return new StepBuilder(BUILD_STEP, repository)
                .partitioner(PART_STEP, reindexPartitioner)
                .partitionHandler(handler)
                .build();
    }

    /** One partition per thread of the first run (kept in the job context, so that a restart agrees). */
    @Bean
    @StepScope
    Partitioner reindexPartitioner(@Value("#{jobExecutionContext['" + PARTITIONS + "']}") Integer partitions) {
        return gridSize -> {
            Map<String, ExecutionContext> contexts = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                ExecutionContext context = new ExecutionContext();
                context.putInt(PARTITION, i);
                contexts.put("partition" + i, context);
            }
            return contexts;
        };
    }

    @Bean
    Step reindexPartStep(JobRepository repository, PlatformTransactionManager transactionManager,
                         ItemStreamReader<RecordKey> reindexReader, ItemStreamWriter<List<IndexedRecord>> reindexWriter,
                         ObjectProvider<ReindexSource> source) {
        ItemProcessor<RecordKey, List<IndexedRecord>> build = key -> {
            List<IndexedRecord> records = key.change() != null ? source.getObject().recordsOf(key.change())
                    : source.getObject().unlogged(key.id());
            return records.isEmpty() ? null : records;
        };
        return new StepBuilder(PART_STEP, repository)
                .<RecordKey, List<IndexedRecord>>chunk(CHUNK)
                .transactionManager(transactionManager)
                .reader(reindexReader)
                .processor(build)
                .writer(reindexWriter)
                .build();
    }

    @Bean
    @StepScope
    ItemStreamReader<RecordKey> reindexReader(Archive archive, ObjectProvider<ReindexSource> source,
                                              @Value("#{stepExecutionContext['" + PARTITION + "']}") Integer partition,
                                              @Value("#{jobExecutionContext['" + PARTITIONS + "']}") Integer partitions,
                                              @Value("#{jobExecutionContext['" + UP_TO + "']}") Long upTo) {
        return new PartitionReader(archive, source.getObject(), partition, partitions, upTo);
    }

    @Bean
    @StepScope
    ItemStreamWriter<List<IndexedRecord>> reindexWriter(ObjectProvider<RecordIndex> index,
                                                        @Value("#{stepExecutionContext['" + PARTITION + "']}") Integer partition,
                                                        @Value("#{jobExecutionContext['" + GENERATION + "']}") String generation) {
        return new PartWriter(index.getObject(), generation, "part-" + partition);
    }

    @Bean
    Step reindexSwapStep(JobRepository repository, PlatformTransactionManager transactionManager,
                         ObjectProvider<ReindexSource> source) {
        return new StepBuilder(SWAP_STEP, repository).tasklet((contribution, chunk) -> {
            JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
            ExecutionContext context = job.getExecutionContext();
            long live = source.getObject().replaceIndex(context.getString(GENERATION), context.getLong(UP_TO));
            long read = 0;
            long records = 0;
            long bytes = 0;
            for (int i = 0; i < context.getInt(PARTITIONS); i++) {
                StepExecution part = repository.getLastStepExecution(job.getJobInstance(), PART_STEP + ":partition" + i);
                if (part != null) {
                    read += part.getExecutionContext().getLong(PartitionReader.READ, 0L);
                    records += part.getExecutionContext().getLong(PartWriter.RECORDS, 0L);
                    bytes += part.getExecutionContext().getLong(PartWriter.BYTES, 0L);
                }
            }
            LocalDateTime start = job.getStartTime() != null ? job.getStartTime() : LocalDateTime.now();
            long nanos = Math.max(1, Duration.between(start, LocalDateTime.now()).toNanos());
            double seconds = nanos / 1e9;
            // A record changed again after a restart's read position is read twice: done never exceeds the total.
            long total = Math.max(context.getLong(TOTAL, 0L), read);
            context.putLong("wenshu.done", total);
            context.putLong(TOTAL, total);
            context.putLong("reindex.records", records);
            context.putLong(PartWriter.BYTES, bytes);
            context.putLong(PartWriter.NANOS, nanos);
            // Progress counts the archive's records (an instrument with its responses is one); the index holds a
            // document for each of them and for each response: both figures, named apart.
            context.putString("wenshu.details", String.format("重建 %d 份档案记录（写入索引 %d 条，文书的回复各占一条；%d 个分区），"
                    + "%.1f MB 文本，用时 %.1f s（%.2f MB/s）；索引现有 %d 条", total, records, context.getInt(PARTITIONS),
                    bytes / 1e6, seconds, bytes / 1e6 / seconds, live));
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }
}
