package org.wenshu.batch.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.wenshu.batch.FailureReasons;
import org.wenshu.batch.JobOwner;
import org.wenshu.batch.VectorsHeld;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.imports.ImportReport;
import org.wenshu.search.imports.ReferenceImporter;

/**
 * The import job (导入参考资料): the reference-text import of a folder as a job with a report kept in the job
 * repository. Restartable: the importer stores each file under its content hash and skips a file already imported
 * unchanged, so a restart after a crash re-reads the folder and imports only what is missing.
 */
@Configuration(proxyBeanMethods = false)
public class ImportJobConfiguration {

    public static final String JOB = "import";
    public static final String STEP = "import.folder";
    /** Job parameter: the folder to import. */
    public static final String DIR = "dir";
    public static final String SKIPPED = "跳过";
    public static final String FAILED = "失败";
    /** A report line: {@code 跳过 「docs/a.png」：不支持的文件类型（…）}; {@link #PROBLEM} reads it back. */
    public static final java.util.regex.Pattern PROBLEM = java.util.regex.Pattern.compile("(跳过|失败) 「(.*?)」：(.*)");

    /** The report line of a file skipped or failed ({@code verb} {@link #SKIPPED} or {@link #FAILED}) for {@code reason}. */
    public static String problemLine(String verb, String source, String reason) {
        return verb + " 「" + source + "」：" + reason;
    }

    /** Why an import did not complete, in words for its user (the job's failure reason). */
    public static final class ImportIncomplete extends RuntimeException {
        public ImportIncomplete(String message) {
            super(message);
        }
    }

    /**
     * Stores the import's progress in its step's execution context as it goes (files dealt with, of all the
     * folder's entries), at most once a second, each time in a transaction of its own: it commits at once, so
     * {@code wenshu batch status} (another process) and the progress line see it and a killed import keeps its last
     * count; and the tasklet's transaction (the first call comes from its thread) never holds the row that the
     * importing threads update next.
     */
    public static final class StoredProgress implements ReferenceImporter.Progress {

        private final JobRepository repository;
        private final StepExecution step;
        private final org.springframework.transaction.support.TransactionTemplate separately;
        private long lastNanos;
        private long highest = -1;

        public StoredProgress(JobRepository repository, StepExecution step, PlatformTransactionManager transactionManager) {
            this.repository = repository;
            this.step = step;
            this.separately = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
            this.separately.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }

        @Override
        public synchronized void advanced(long done, long total) {
            long now = System.nanoTime();
            if (done < highest) {
                return; // counts arrive from several threads, a smaller one after a larger
            }
            highest = done;
            step.getExecutionContext().putLong("wenshu.done", done);
            step.getExecutionContext().putLong("wenshu.total", total);
            if (lastNanos == 0 || now - lastNanos >= 1_000_000_000L || done == total) {
                lastNanos = now;
                separately.executeWithoutResult(status -> repository.updateExecutionContext(step));
            }
        }
    }

    @Bean
    Job importJob(JobRepository repository, Step importStep, ObjectProvider<RecordIndex> index) {
        return new JobBuilder(JOB, repository).listener(new JobOwner(repository))
                .listener(new FailureReasons(repository)).listener(new VectorsHeld(index))
                .start(importStep).build();
    }

    @Bean
    Step importStep(JobRepository repository, PlatformTransactionManager transactionManager,
                    ObjectProvider<ReferenceImporter> importer) {
        return new StepBuilder(STEP, repository).tasklet((contribution, chunk) -> {
            Path folder = Path.of(chunk.getStepContext().getStepExecution().getJobParameters().getString(DIR));
            if (!Files.isDirectory(folder)) {
                throw new ImportIncomplete("导入的文件夹已不存在或不是文件夹：" + folder);
            }
            StepExecution step = chunk.getStepContext().getStepExecution();
            ImportReport report = importer.getObject().importFolder(folder,
                    new StoredProgress(repository, step, transactionManager));
            ExecutionContext job = step.getJobExecution().getExecutionContext();
            long files = report.added() + report.replaced() + report.unchanged() + report.skipped().size() + report.failed().size();
            job.putLong("wenshu.done", files);
            job.putLong("wenshu.total", files);
            List<String> problems = new ArrayList<>();
            report.skipped().forEach(p -> problems.add(problemLine(SKIPPED, p.source(), p.reason())));
            report.failed().forEach(p -> problems.add(problemLine(FAILED, p.source(), p.reason())));
            job.putString("wenshu.problems", String.join("\n", problems));
            job.putString("wenshu.details", String.format("%d 新增、%d 更新、%d 未变、%d 跳过、%d 失败；%.1f MB，%.1f MB/s",
                    report.added(), report.replaced(), report.unchanged(), report.skipped().size(), report.failed().size(),
                    report.bytes() / 1e6, report.megabytesPerSecond()));
            if (!report.failed().isEmpty()) {
                throw new ImportIncomplete(report.failed().size() + " 个文件导入失败（见报告）：修复后用 wenshu batch restart 继续");
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }
}
