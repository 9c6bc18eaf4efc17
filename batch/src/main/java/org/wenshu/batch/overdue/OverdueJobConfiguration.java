package org.wenshu.batch.overdue;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
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
 * due date, as of the {@code date} parameter (today or a past day, never a future one). Reminders are dated,
 * numbered and given their reply period from the day they are issued, whatever the {@code date}; the step reports
 * each one it issued ({@code wenshu.reminders}: one line each, with the instrument it reminds about). A reminder issued before (this run restarted, the same day run again,
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
    /**
     * Job parameter: the day overdue is judged on (ISO date, default today, not after today); it identifies the job
     * instance, so each day runs once. Reminders are dated the day they are issued.
     */
    public static final String DATE = "date";
    /** Job parameter: {@code true} to copy (抄报) each reminder to the recipient's parent unit. */
    public static final String COPY_TO_PARENT = "copyToParent";
    /** The step context key of the report: one line per reminder the step issued, see {@link OverdueReminders#reportLine}. */
    public static final String REMINDERS = "wenshu.reminders";

    /**
     * Refuses an as-of day after {@code today}: reminders cannot be judged on days that have not come.
     *
     * @return the refusal in Chinese, or empty when {@code date} may be used
     */
    public static java.util.Optional<String> dateProblem(LocalDate date, LocalDate today) {
        if (!date.isAfter(today)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("date=" + date + " 晚于今天（" + today + "）：date 是判断逾期的截至日期，不能是将来的日期。"
                + "督促回复函一律以发函当天为成文日期、编号年份和回复期限的起算日；省略 date 即截至今天");
    }

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
            LocalDate date = LocalDate.parse((String) chunk.getStepContext().getJobParameters().get(DATE));
            if (tracked == null) {
                ExecutionContext job = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
                job.putString("wenshu.details", report(job.containsKey(REMINDERS) ? job.getString(REMINDERS) : "", date));
                return RepeatStatus.FINISHED;
            }
            int flagged = tracked.flagOverdue(date, "overdue job").size();
            int overdue = tracked.overdueCount(date);
            ExecutionContext step = chunk.getStepContext().getStepExecution().getExecutionContext();
            step.putLong("wenshu.trackedFlagged", flagged);
            step.putLong("wenshu.trackedOverdue", overdue);
            ExecutionContext job = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
            job.putString("wenshu.details", report(job.containsKey(REMINDERS) ? job.getString(REMINDERS) : "", date)
                    + "\n督办事项（工作要点、议定事项）：截至 " + date + " 逾期未完成 " + overdue + " 项次，本次新标记 " + flagged + " 项次");
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    /** The report's lines on reminders: how many this execution issued and which, or that none were owed. */
    static String report(String reminders, LocalDate date) {
        List<String> lines = reminders.lines().filter(l -> !l.isBlank()).sorted().toList();
        if (lines.isEmpty()) {
            return "本次没有需要催办的：截至 " + date + " 逾期未回复的，本轮都已催办过或已回复";
        }
        return "本次发出督促回复函 " + lines.size() + " 份：\n  " + String.join("\n  ", lines);
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
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution step) {
                        // The job's report is written by the last step: hand it this step's list (kept by the job's
                        // context across a restart that does not run this step again).
                        ExecutionContext context = step.getExecutionContext();
                        step.getJobExecution().getExecutionContext().putString(REMINDERS,
                                context.containsKey(REMINDERS) ? context.getString(REMINDERS) : "");
                        return null;
                    }
                })
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
        return new RemindOne(reminders, archive, issuer, Boolean.parseBoolean(copyToParent));
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
            // The command line refuses it before a job exists; this guards any other launcher.
            if (date.isAfter(reminders.today())) {
                throw new OverdueDateInFuture(dateProblem(date, reminders.today()).orElseThrow());
            }
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
        private final boolean copyToParent;
        private final Set<String> elsewhere = ConcurrentHashMap.newKeySet();
        private final Set<String> issued = ConcurrentHashMap.newKeySet();

        RemindOne(OverdueReminders reminders, Archive archive, InstrumentIssuer issuer, boolean copyToParent) {
            this.reminders = reminders;
            this.archive = archive;
            this.issuer = issuer;
            this.copyToParent = copyToParent;
        }

        @Override
        public InstrumentRecord process(OverdueReminders.Owed owed) {
            var request = reminders.request(owed, copyToParent);
            try {
                if (request.idempotencyKey().flatMap(archive::findByKey).isPresent()) {
                    return null; // issued by an earlier run (same day, or another as-of day in the same round)
                }
                InstrumentRecord reminder = archive.issue(request, org.wenshu.archive.InstrumentProducer.printingCode(
                        (number, code) -> issuer.sign(request, issuer.render(request, number, code))));
                issued.add(reminders.reportLine(owed, reminder));
                return reminder;
            } catch (IssuingInProgress overlapping) {
                elsewhere.add(owed.recordId() + " → " + owed.recipientId() + "：另一运行正在发出此督促函（第 "
                        + owed.round() + " 轮）");
                return null;
            }
        }

        @Override
        public void open(ExecutionContext context) {
            // A restart continues the report of the execution it resumes.
            if (context.containsKey(REMINDERS)) {
                context.getString(REMINDERS).lines().filter(l -> !l.isBlank()).forEach(issued::add);
            }
        }

        @Override
        public void update(ExecutionContext context) {
            context.putString("wenshu.notes", String.join("\n", elsewhere));
            context.putString(REMINDERS, String.join("\n", new java.util.TreeSet<>(issued)));
        }
    }
}
