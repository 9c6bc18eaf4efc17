package org.wenshu.batch.reindex;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.IndexFollower;
import org.wenshu.batch.JobOwner;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordSource;

/**
 * The reindex job (重建索引): rebuilds the search index from the archive with {@link RecordIndex#rebuild}, which
 * keeps serving searches from the old index until the new one is complete and committed, then swaps readers in one
 * step; the records are analysed and indexed on all cores. A killed rebuild leaves the old index's last commit, so
 * restarting simply rebuilds again. The change log is caught up afterwards.
 */
@Configuration(proxyBeanMethods = false)
public class ReindexJobConfiguration {

    public static final String JOB = "reindex";
    public static final String STEP = "reindex.rebuild";

    @Bean
    Job reindexJob(JobRepository repository, Step reindexStep) {
        return new JobBuilder(JOB, repository).listener(new JobOwner(repository)).start(reindexStep).build();
    }

    @Bean
    Step reindexStep(JobRepository repository, PlatformTransactionManager transactionManager, BatchSettings settings,
                     ObjectProvider<RecordIndex> index, ObjectProvider<RecordSource> archive, IndexFollower follower) {
        return new StepBuilder(STEP, repository).tasklet((contribution, chunk) -> {
            ParallelRecordSource source = new ParallelRecordSource(archive.getObject(), settings.threads());
            long start = System.nanoTime();
            index.getObject().rebuild(source);
            double seconds = (System.nanoTime() - start) / 1e9;
            follower.catchUp();
            ExecutionContext context = chunk.getStepContext().getStepExecution().getExecutionContext();
            context.putLong("wenshu.done", source.records());
            context.putLong("wenshu.total", source.records());
            context.putLong("reindex.bytes", source.bytes());
            context.putLong("reindex.nanos", (long) (seconds * 1e9));
            chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext().putString("wenshu.details",
                    String.format("重建 %d 条记录，%.1f MB 文本，用时 %.1f s（%.2f MB/s）", source.records(),
                            source.bytes() / 1e6, seconds, seconds > 0 ? source.bytes() / 1e6 / seconds : 0));
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }
}
