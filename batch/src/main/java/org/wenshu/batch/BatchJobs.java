package org.wenshu.batch;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs the batch jobs in the foreground and keeps their executions honest: before a job starts or restarts, an
 * execution of it left STARTED by a process that died is recovered (marked FAILED through
 * {@link JobOperator#recover}), so the run resumes from its last committed chunk instead of failing with
 * {@code JobExecutionAlreadyRunningException}.
 */
public final class BatchJobs {

    private final JobOperator operator;
    private final JobRepository repository;
    private final Map<String, Job> jobs;
    private final long staleAfterMinutes;
    private final java.util.function.Supplier<java.time.LocalDate> today;

    public BatchJobs(JobOperator operator, JobRepository repository, List<Job> jobs, long staleAfterMinutes) {
        this(operator, repository, jobs, staleAfterMinutes, java.time.LocalDate::now);
    }

    /** @param today the archive's today, for messages that name the day (the overdue job's "today") */
    public BatchJobs(JobOperator operator, JobRepository repository, List<Job> jobs, long staleAfterMinutes,
                     java.util.function.Supplier<java.time.LocalDate> today) {
        this.today = today;
        this.operator = operator;
        this.repository = repository;
        this.jobs = new TreeMap<>();
        jobs.forEach(job -> this.jobs.put(job.getName(), job));
        this.staleAfterMinutes = staleAfterMinutes;
    }

    /** The names of the jobs, sorted. */
    public List<String> names() {
        return List.copyOf(jobs.keySet());
    }

    /**
     * Runs {@code jobName} with {@code parameters} until it ends: a new instance, or the restart of the failed or
     * killed instance with the same identifying parameters.
     *
     * @throws JobRefused when the job is unknown, already complete for these parameters, or running elsewhere
     */
    public JobExecution run(String jobName, JobParameters parameters) {
        return run(jobName, parameters, operator);
    }

    /**
     * As {@link #run(String, JobParameters)}, launched through {@code launcher}: with an asynchronous task executor
     * (a web request) the execution is returned as soon as it is created, while it runs on.
     */
    public JobExecution run(String jobName, JobParameters parameters, JobOperator launcher) {
        Job job = job(jobName);
        Optional.ofNullable(repository.getLastJobExecution(jobName, parameters)).ifPresent(this::recoverIfDead);
        try {
            JobExecution execution = launcher.start(job, parameters);
            if (execution.isRunning()) {
                // Launched in the background: until its thread begins the job (JobOwner), the execution would carry
                // the owner of the run it restarts, maybe a dead process; and it may wait for a free thread.
                JobOwner.claim(repository, execution);
            }
            return execution;
        } catch (JobInstanceAlreadyCompleteException e) {
            JobExecution last = repository.getLastJobExecution(jobName, parameters);
            throw new JobRefused(alreadyComplete(jobName, parameters, last == null ? "?" : Long.toString(last.getId())),
                    last);
        } catch (JobExecutionAlreadyRunningException e) {
            JobExecution last = repository.getLastJobExecution(jobName, parameters);
            throw new JobRefused("同一作业正在运行（执行 " + (last == null ? "?" : last.getId()) + "，进程 "
                    + (last == null ? "?" : JobOwner.of(last).orElse("?")) + "）", last);
        } catch (JobRestartException | InvalidJobParametersException e) {
            throw new JobRefused("作业无法启动：" + e.getMessage(), null);
        }
    }

    /**
     * Why a complete instance is not run again, in the terms of its job's identity: bulk issuing is one instance per
     * list and base data, overdue one per as-of day; fixity, reindex and import start a new instance on every run,
     * so only {@code batch restart} of a finished execution meets a complete one. The job names are spelled out here:
     * the job packages depend on this one, not the other way round.
     */
    private String alreadyComplete(String jobName, JobParameters parameters, String execution) {
        return switch (jobName) {
            case "overdue" -> {
                String date = String.valueOf(parameters.getString("date"));
                yield (date.equals(today.get().toString()) ? "今天（" + date + "）已经催办过"
                        : "截至 " + date + " 的逾期已经催办过") + "（执行 " + execution + "）：不会重复发督促回复函；"
                        + "下一轮催办在催办周期届满后的运行中发出";
            }
            case "fixity" -> "这次完整性核查已经完成（执行 " + execution + "），已完成的核查不能重启；"
                    + "再次运行 wenshu batch fixity 即开始一次新的核查";
            case "reindex" -> "这次重建索引已经完成（执行 " + execution + "），已完成的重建不能重启；"
                    + "再次运行 wenshu batch reindex 即重新建立索引";
            case "import" -> "这次导入已经完成（执行 " + execution + "），已完成的导入不能重启；"
                    + "再次运行 wenshu batch import dir=文件夹 即开始一次新的导入";
            default -> "这批作业已经完成（执行 " + execution + "），不会重复发文；修改文件后再运行即为新作业";
        };
    }

    /** Restarts the instance of execution {@code executionId} with its parameters, recovering it first if its process died. */
    public JobExecution restart(long executionId) {
        JobExecution execution = execution(executionId).orElse(null);
        if (execution == null) {
            throw new JobRefused("没有编号为 " + executionId + " 的作业执行；wenshu batch status 列出全部", null);
        }
        return run(execution.getJobInstance().getJobName(), execution.getJobParameters());
    }

    /**
     * Marks {@code execution} FAILED if it is still recorded as running but its process is dead (judged on the
     * execution as last committed, not on the copy given); returns whether it did. An execution just created, whose
     * owner is not recorded yet, counts as alive until {@code staleAfterMinutes} pass without an update.
     */
    public boolean recoverIfDead(JobExecution execution) {
        JobExecution current = execution(execution.getId()).orElse(execution);
        if (!current.isRunning() || !JobOwner.dead(current, staleAfterMinutes)) {
            return false;
        }
        LocalDateTime stopped = lastProgress(current);
        operator.recover(current);
        // Recovery stamps the moment it noticed the death as the end; the execution stopped working at its last
        // recorded progress, and its duration (and so its speed) must not include the time the process was gone.
        JobExecution recovered = execution(current.getId()).orElse(null);
        if (recovered != null && recovered.getEndTime() != null && recovered.getEndTime().isAfter(stopped)) {
            for (var step : recovered.getStepExecutions()) {
                if (step.getEndTime() != null && step.getEndTime().isAfter(stopped)) {
                    step.setEndTime(step.getStartTime() != null && step.getStartTime().isAfter(stopped)
                            ? step.getStartTime() : stopped);
                    repository.update(step);
                }
            }
            recovered.setEndTime(stopped);
            repository.update(recovered);
        }
        return true;
    }

    /**
     * When {@code execution} (left running by a dead process) last recorded progress: the latest update of it or of
     * one of its steps (each chunk commit updates its step), else its start or creation.
     */
    static LocalDateTime lastProgress(JobExecution execution) {
        LocalDateTime last = execution.getStartTime() != null ? execution.getStartTime() : execution.getCreateTime();
        if (execution.getLastUpdated() != null && (last == null || execution.getLastUpdated().isAfter(last))) {
            last = execution.getLastUpdated();
        }
        for (var step : execution.getStepExecutions()) {
            if (step.getLastUpdated() != null && (last == null || step.getLastUpdated().isAfter(last))) {
                last = step.getLastUpdated();
            }
        }
        return last != null ? last : LocalDateTime.now();
    }

    /** The executions of {@code execution}'s job instance (the first run and its restarts), oldest first. */
    public List<JobExecution> instanceExecutions(JobExecution execution) {
        if (execution.getJobInstance() == null) {
            return List.of(execution);
        }
        List<JobExecution> all = new ArrayList<>(repository.getJobExecutions(execution.getJobInstance()));
        all.sort(Comparator.comparingLong(JobExecution::getId));
        return all;
    }

    /** The most recent executions of every job, newest first, at most {@code limit}; dead running ones recovered. */
    public List<JobExecution> recent(int limit) {
        return recent(limit, jobs.keySet());
    }

    /** The most recent executions of job {@code jobName}, newest first, at most {@code limit}; dead ones recovered. */
    public List<JobExecution> recent(int limit, String jobName) {
        return recent(limit, List.of(jobName));
    }

    private List<JobExecution> recent(int limit, java.util.Collection<String> names) {
        List<JobExecution> executions = new ArrayList<>();
        for (String name : names) {
            for (JobInstance instance : repository.getJobInstances(name, 0, limit)) {
                executions.addAll(repository.getJobExecutions(instance));
            }
        }
        executions.sort(Comparator.comparingLong(JobExecution::getId).reversed());
        List<JobExecution> result = new ArrayList<>();
        for (JobExecution execution : executions.subList(0, Math.min(limit, executions.size()))) {
            if (recoverIfDead(execution)) {
                execution = repository.getJobExecution(execution.getId());
            }
            result.add(execution);
        }
        return result;
    }

    /**
     * What {@code execution} did as last committed: the repository's execution lists its steps without their
     * execution contexts (where the jobs keep positions and reports), so each step is loaded again.
     */
    public JobSummary summary(JobExecution execution) {
        JobExecution current = Optional.ofNullable(repository.getJobExecution(execution.getId())).orElse(execution);
        return JobSummary.of(current, steps(current));
    }

    /**
     * The step executions of {@code execution}, each loaded again with its execution context, and for a restart those
     * steps that an earlier execution of the same instance completed: a restart does not run them again (e.g. the
     * finished partitions of fixity and reindex), yet their work is part of the instance's progress.
     */
    public List<org.springframework.batch.core.step.StepExecution> steps(JobExecution execution) {
        Map<String, org.springframework.batch.core.step.StepExecution> byName = new java.util.LinkedHashMap<>();
        if (execution.getJobInstance() != null) {
            List<JobExecution> earlier = new ArrayList<>(repository.getJobExecutions(execution.getJobInstance()));
            earlier.removeIf(e -> e.getId() >= execution.getId());
            earlier.sort(Comparator.comparingLong(JobExecution::getId));
            for (JobExecution before : earlier) {
                for (var step : before.getStepExecutions()) {
                    if (step.getStatus() == BatchStatus.COMPLETED) {
                        byName.put(step.getStepName(), step);
                    }
                }
            }
        }
        for (var step : execution.getStepExecutions()) {
            byName.put(step.getStepName(), step);
        }
        List<org.springframework.batch.core.step.StepExecution> steps = new ArrayList<>();
        for (var step : byName.values()) {
            steps.add(Optional.ofNullable(repository.getStepExecution(step.getJobExecutionId(), step.getId())).orElse(step));
        }
        return steps;
    }

    /** The execution with this id, as last committed. */
    public Optional<JobExecution> execution(long id) {
        try {
            return Optional.ofNullable(repository.getJobExecution(id));
        } catch (org.springframework.dao.DataAccessException unknown) {
            return Optional.empty(); // the JDBC repository reports an unknown id as an empty result
        }
    }

    /** The execution of {@code jobName} with these parameters that runs now or ran last. */
    public Optional<JobExecution> last(String jobName, JobParameters parameters) {
        return Optional.ofNullable(repository.getLastJobExecution(jobName, parameters));
    }

    private Job job(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new JobRefused("没有名为 " + name + " 的作业；可用：" + String.join("、", jobs.keySet()), null);
        }
        return job;
    }

    /** Whether {@code status} means the execution ended without finishing its work. */
    public static boolean unfinished(BatchStatus status) {
        return status == BatchStatus.FAILED || status == BatchStatus.STOPPED || status == BatchStatus.ABANDONED;
    }

    /** A job cannot be run as asked; the message says why and what to do. */
    public static final class JobRefused extends RuntimeException {

        private final transient JobExecution execution;

        public JobRefused(String message, JobExecution execution) {
            super(message);
            this.execution = execution;
        }

        /** The execution the refusal is about, if any. */
        public Optional<JobExecution> execution() {
            return Optional.ofNullable(execution);
        }
    }
}
