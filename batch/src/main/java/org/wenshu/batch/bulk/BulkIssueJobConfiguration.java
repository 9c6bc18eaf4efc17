package org.wenshu.batch.bulk;

import java.time.Duration;
import java.util.List;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.wenshu.archive.Archive;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.IndexFollower;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.batch.FailureReasons;
import org.wenshu.batch.JobOwner;
import org.wenshu.search.RecordIndex;
import org.wenshu.templates.InstrumentCatalog;

/**
 * The bulk-issue job (批量发文): step {@code validate} checks every row and keeps the report, step {@code issue}
 * issues the valid rows in chunks, each chunk's rows on all cores, and indexes them once per chunk.
 */
@Configuration(proxyBeanMethods = false)
public class BulkIssueJobConfiguration {

    public static final String JOB = "bulk-issue";
    public static final String VALIDATE_STEP = "bulk-issue.validate";
    public static final String ISSUE_STEP = "bulk-issue.issue";

    @Bean
    Job bulkIssueJob(JobRepository repository, Step bulkIssueValidateStep, Step bulkIssueIssueStep) {
        return new JobBuilder(JOB, repository)
                .listener(new JobOwner(repository)).listener(new FailureReasons(repository))
                .start(bulkIssueValidateStep)
                .next(bulkIssueIssueStep)
                .build();
    }

    @Bean
    Step bulkIssueValidateStep(JobRepository repository, PlatformTransactionManager transactionManager,
                               ValidateRows bulkValidateRows) {
        return new StepBuilder(VALIDATE_STEP, repository).tasklet(bulkValidateRows, transactionManager).build();
    }

    @Bean
    Step bulkIssueIssueStep(JobRepository repository, PlatformTransactionManager transactionManager,
                            BatchSettings settings, RowReader bulkRowReader, IssueRow bulkIssueRow,
                            IndexIssued bulkIndexIssued) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("wenshu-bulk-");
        threads.setConcurrencyLimit(settings.threads());
        return new StepBuilder(ISSUE_STEP, repository)
                .<RecipientTable.Row, IssuedRow>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(bulkRowReader)
                .processor(bulkIssueRow)
                .writer(bulkIndexIssued) // processor and writer are item streams: the step registers them
                .taskExecutor(threads)
                .build();
    }

    @Bean
    @StepScope
    BulkIssueInput bulkIssueInput(@Value("#{stepExecution.jobExecution.jobParameters}") JobParameters parameters,
                                  InstrumentCatalog catalog, BatchSettings settings, InstrumentIssuer issuer,
                                  Archive archive) {
        return new BulkIssueInput(parameters, catalog, new RecipientLists(settings.maxRows(), settings.maxListBytes()),
                issuer, archive);
    }

    @Bean
    @StepScope
    ValidateRows bulkValidateRows(BulkIssueInput bulkIssueInput, BatchSettings settings,
                                  @Value("#{jobParameters['" + BulkIssueParameters.SKIP_LIMIT + "']}") Long skipLimit) {
        return new ValidateRows(bulkIssueInput, skipLimit == null ? 0 : skipLimit, settings.threads());
    }

    @Bean
    @StepScope
    RowReader bulkRowReader(BulkIssueInput bulkIssueInput, ListOrder bulkListOrder) {
        return new RowReader(bulkIssueInput, bulkListOrder);
    }

    /** The issue step's rows take their numbers in list order (one per step execution). */
    @Bean
    @StepScope
    ListOrder bulkListOrder() {
        return new ListOrder(Duration.ofMinutes(2));
    }

    @Bean
    @StepScope
    IssueRow bulkIssueRow(BulkIssueInput bulkIssueInput, Archive archive, InstrumentIssuer issuer,
                          @Value("#{jobExecutionContext['" + ValidateRows.PROBLEMS + "']}") String problems,
                          @Value("#{stepExecution.jobExecutionId}") Long executionId,
                          BulkIssueCounts counts, ListOrder bulkListOrder) {
        List<RowProblem> reported = RowProblem.decode(problems);
        return new IssueRow(bulkIssueInput, archive, issuer, reported, counts, executionId, bulkListOrder);
    }

    /** The row counts of the bulk-issue executions, live for those running in this process. */
    @Bean
    BulkIssueCounts bulkIssueCounts() {
        return new BulkIssueCounts();
    }

    @Bean
    @StepScope
    IndexIssued bulkIndexIssued(IndexFollower index, ObjectProvider<RecordIndex> records) {
        RecordIndex.Hold hold;
        try {
            hold = records.getObject().holdVectors();
        } catch (RuntimeException elsewhere) {
            // Another process (a running server) writes the index: its follower indexes and embeds the instruments.
            hold = () -> { };
        }
        return new IndexIssued(index, hold);
    }
}
