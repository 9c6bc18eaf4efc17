package org.wenshu.batch;

import java.util.List;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Stores why a job failed as its user should read it: Spring Batch keeps a failure's stack trace as the exit
 * description of the step and the job, which {@code wenshu batch status} and the jobs pages would show from the
 * database. After a failed run the descriptions become the {@link FailureReason}s; the stack traces stay in the log.
 */
public final class FailureReasons implements JobExecutionListener {

    private final JobRepository repository;

    public FailureReasons(JobRepository repository) {
        this.repository = repository;
    }

    @Override
    public void afterJob(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (!step.getFailureExceptions().isEmpty()) {
                step.setExitStatus(new ExitStatus(step.getExitStatus().getExitCode(), reasons(step.getFailureExceptions())));
                repository.update(step);
            }
        }
        if (!execution.getAllFailureExceptions().isEmpty()) {
            // The job's own update, which follows this listener, stores it.
            execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(),
                    reasons(execution.getAllFailureExceptions())));
        }
    }

    private static String reasons(List<Throwable> failures) {
        return String.join("\n", failures.stream().map(FailureReason::of).distinct().toList());
    }
}
