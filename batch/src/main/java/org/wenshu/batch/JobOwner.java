package org.wenshu.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Records which process runs a job execution ({@code pid:startMillis@host} in its execution context, beside the id of
 * the execution it was recorded for), so that an execution left STARTED by a process that died (kill -9, power loss)
 * can be told from one that is still running.
 */
public final class JobOwner implements JobExecutionListener {

    static final String KEY = "wenshu.owner";
    /** The execution the owner was recorded for: Spring Batch copies a failed execution's context into its restart. */
    static final String EXECUTION_KEY = "wenshu.owner.execution";

    private final JobRepository repository;

    public JobOwner(JobRepository repository) {
        this.repository = repository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        claim(repository, execution);
    }

    /** Records this process as the owner of {@code execution} and saves its context. */
    static void claim(JobRepository repository, JobExecution execution) {
        execution.getExecutionContext().putString(KEY, current());
        execution.getExecutionContext().putLong(EXECUTION_KEY, execution.getId());
        repository.updateExecutionContext(execution);
    }

    /** This process: {@code pid:startMillis@host}; the start time tells a reused pid from the owner. */
    static String current() {
        return describe(ProcessHandle.current()) + "@" + host();
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + ":" + process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /**
     * The owner recorded for {@code execution} itself, if any: an owner copied from the execution it restarts (the
     * process that ran, and maybe died in, the earlier run) is not its owner.
     */
    static Optional<String> of(JobExecution execution) {
        var context = execution.getExecutionContext();
        if (!context.containsKey(KEY) || !(context.get(EXECUTION_KEY) instanceof Number id)
                || id.longValue() != execution.getId()) {
            return Optional.empty();
        }
        return Optional.of(context.getString(KEY));
    }

    /**
     * Whether the owner is known to be dead: a process of this host that no longer exists. Without an owner of its
     * own (created, not yet begun) or on another host (shared database), only {@code staleAfterMinutes} without an
     * update says so.
     */
    static boolean dead(JobExecution execution, long staleAfterMinutes) {
        Optional<String> owner = of(execution);
        if (owner.isPresent() && owner.get().endsWith("@" + host())) {
            String process = owner.get().substring(0, owner.get().indexOf('@'));
            long pid = Long.parseLong(process.substring(0, process.indexOf(':')));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> !describe(p).equals(process)).orElse(true);
        }
        LocalDateTime last = execution.getLastUpdated() != null ? execution.getLastUpdated() : execution.getCreateTime();
        return last != null && last.isBefore(LocalDateTime.now().minusMinutes(staleAfterMinutes));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
