package org.wenshu.batch.overdue;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssuingInProgress;
import org.wenshu.archive.tracking.TrackedItems;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.IndexFollower;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.batch.FailureReasons;
import org.wenshu.batch.JobOwner;

/**
 * The overdue job (督促回复): one step issuing the reminder of the current round for every response owed past its
 * due date, as of the {@code date} parameter. A reminder issued before (this run restarted, the same day run again,
 * or another run overlapping this one) is found by its idempotency key and not issued again. A second step flags
 * (逾期) the tracked items — work points and meeting resolutions — that a responsible unit has not done by their due
 * date, once per unit, and counts them ({@code wenshu.trackedOverdue}, {@code wenshu.trackedFlagged} in the step's
 * context; a line in the job's details).
 */
@Configuration(proxyBeanMethods = false)
public class OverdueJobConfiguration {

    public static final String JOB = "overdue";
    public static final String STEP = "overdue.remind";
    /** The step that flags and counts overdue tracked items (督办事项). */
    public static final String TRACKED_STEP = "overdue.trackedItems";
    /** Job parameter: the day the reminders are dated and overdue is judged (ISO date). */
    public static final String DATE = "date";
    /** Job parameter: {@code true} to copy (抄报) each reminder to the recipient's parent unit. */
    public static final String COPY_TO_PARENT = "copyToParent";

    /** The job's parameters: identified by the day, so a second run the same day issues nothing new. */
    public static org.springframework.batch.core.job.parameters.JobParameters parameters(LocalDate date, boolean copyToParent) {
        return new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString(DATE, date.toString(), true)
                .addString(COPY_TO_PARENT, Boolean.toString(copyToParent), false)
                .toJobParameters();
    }

    @Bean
    Job overdueJob(JobRepository repository, Step overdueStep, Step overdueTrackedItemsStep) {
        return new JobBuilder(JOB, repository).listener(new JobOwner(repository))
                .listener(new FailureReasons(repository)).start(overdueStep)
                .next(overdueTrackedItemsStep).build();
    }

    /** Flags every tracked item a unit has not done by its due date (idempotent: flagged once per unit). */
    @Bean
    Step overdueTrackedItemsStep(JobRepository repository, PlatformTransactionManager transactionManager,
                                 ObjectProvider<TrackedItems> trackedItems) {
        return new StepBuilder(TRACKED_STEP, repository).tasklet((contribution, chunk) -> {
            TrackedItems tracked = trackedItems.getIfAvailable();
            if (tracked == null) {
                return RepeatStatus.FINISHED;
            }
            LocalDate date = LocalDate.parse((String) chunk.getStepContext().getJobParameters().get(DATE));
            int flagged = tracked.flagOverdue(date, "overdue job").size();
            int overdue = tracked.overdueCount(date);
            ExecutionContext step = chunk.getStepContext().getStepExecution().getExecutionContext();
            step.putLong("wenshu.trackedFlagged", flagged);
            step.putLong("wenshu.trackedOverdue", overdue);
            chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext().putString("wenshu.details",
                    "督办事项（工作要点、议定事项）：截至 " + date + " 逾期未完成 " + overdue + " 项次，本次新标记 " + flagged + " 项次");
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    Step overdueStep(JobRepository repository, PlatformTransactionManager transactionManager, BatchSettings settings,
                     OwedReader overdueReader, RemindOne overdueProcessor, IndexFollower index) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("wenshu-overdue-");
        threads.setConcurrencyLimit(settings.threads());
        ItemWriter<InstrumentRecord> writer = chunk -> {
            if (!chunk.isEmpty()) {
                index.catchUp();
            }
        };
        return new StepBuilder(STEP, repository)
                .<OverdueReminders.Owed, InstrumentRecord>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(overdueReader)
                .processor(overdueProcessor)
                .writer(writer)
                .taskExecutor(threads)
                .build();
    }

    @Bean
    @StepScope
    OwedReader overdueReader(OverdueReminders reminders, @Value("#{jobParameters['" + DATE + "']}") String date) {
        return new OwedReader(reminders, LocalDate.parse(date));
    }

    @Bean
    @StepScope
    RemindOne overdueProcessor(OverdueReminders reminders, Archive archive, InstrumentIssuer issuer,
                               @Value("#{jobParameters['" + DATE + "']}") String date,
                               @Value("#{jobParameters['" + COPY_TO_PARENT + "']}") String copyToParent) {
        return new RemindOne(reminders, archive, issuer, LocalDate.parse(date), Boolean.parseBoolean(copyToParent));
    }

    /** The reminders owed on the day, listed when the step opens; restartable by count (the list is deterministic). */
    static class OwedReader extends AbstractItemCountingItemStreamItemReader<OverdueReminders.Owed> {

        private final OverdueReminders reminders;
        private final LocalDate date;
        private Iterator<OverdueReminders.Owed> owed;
        private int total;

        OwedReader(OverdueReminders reminders, LocalDate date) {
            this.reminders = reminders;
            this.date = date;
            setName("overdue.owed");
        }

        @Override
        protected void doOpen() {
            var list = reminders.owed(date);
            total = list.size();
            owed = list.iterator();
        }

        @Override
        protected OverdueReminders.Owed doRead() {
            return owed.hasNext() ? owed.next() : null;
        }

        @Override
        protected void doClose() {
            owed = null;
        }

        @Override
        public void update(ExecutionContext context) {
            super.update(context);
            // JobSummary's generic counts: reminders owed, and those dealt with (issued, or left to an overlapping
            // run) as of this commit; the reader also counts its final, empty read.
            context.putLong("wenshu.total", total);
            context.putLong("wenshu.done", Math.min(getCurrentItemCount(), total));
        }
    }

    /** Issues one reminder; one that another run is issuing right now is left to that run and reported. */
    static class RemindOne implements ItemProcessor<OverdueReminders.Owed, InstrumentRecord>, ItemStream {

        private final OverdueReminders reminders;
        private final Archive archive;
        private final InstrumentIssuer issuer;
        private final LocalDate date;
        private final boolean copyToParent;
        private final Set<String> elsewhere = ConcurrentHashMap.newKeySet();

        RemindOne(OverdueReminders reminders, Archive archive, InstrumentIssuer issuer, LocalDate date,
                  boolean copyToParent) {
            this.reminders = reminders;
            this.archive = archive;
            this.issuer = issuer;
            this.date = date;
            this.copyToParent = copyToParent;
        }

        @Override
        public InstrumentRecord process(OverdueReminders.Owed owed) {
            var request = reminders.request(owed, date, copyToParent);
            try {
                return archive.issue(request, org.wenshu.archive.InstrumentProducer.printingCode(
                        (number, code) -> issuer.sign(request, issuer.render(request, number, code))));
            } catch (IssuingInProgress overlapping) {
                elsewhere.add(owed.recordId() + " → " + owed.recipientId() + "：另一运行正在发出此督促函（第 "
                        + owed.round() + " 轮）");
                return null;
            }
        }

        @Override
        public void update(ExecutionContext context) {
            context.putString("wenshu.notes", String.join("\n", elsewhere));
        }
    }
}
