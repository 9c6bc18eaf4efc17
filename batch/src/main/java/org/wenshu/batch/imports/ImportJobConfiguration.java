package org.wenshu.batch.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
                throw new IllegalArgumentException("不是文件夹 (not a folder): " + folder);
            }
            ImportReport report = importer.getObject().importFolder(folder);
            ExecutionContext job = chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
            long files = report.added() + report.replaced() + report.unchanged() + report.skipped().size() + report.failed().size();
            job.putLong("wenshu.done", files);
            job.putLong("wenshu.total", files);
            List<String> problems = new ArrayList<>();
            report.skipped().forEach(p -> problems.add("跳过 " + p.source() + "：" + p.reason()));
            report.failed().forEach(p -> problems.add("失败 " + p.source() + "：" + p.reason()));
            job.putString("wenshu.problems", String.join("\n", problems));
            job.putString("wenshu.details", String.format("%d 新增、%d 更新、%d 未变、%d 跳过、%d 失败；%.1f MB，%.1f MB/s",
                    report.added(), report.replaced(), report.unchanged(), report.skipped().size(), report.failed().size(),
                    report.bytes() / 1e6, report.megabytesPerSecond()));
            if (!report.failed().isEmpty()) {
                throw new IllegalStateException(report.failed().size() + " 个文件导入失败：修复后用 wenshu batch restart 继续");
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }
}
