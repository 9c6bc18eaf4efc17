package org.wenshu.app.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.batch.bulk.BulkIssueJobConfiguration;

/** Turns a completed bulk-issue execution into what kill -9 leaves behind, for the tests of what comes after. */
public final class KilledExecutions {

    private KilledExecutions() {
    }

    /**
     * Leaves completed bulk-issue execution {@code id} as kill -9 leaves it with its last chunk commit after
     * {@code committed} rows although it issued every row: STARTED by a process that is gone, its last recorded
     * progress when it really ended (Spring Batch's own updates would refuse to take a COMPLETED execution back, so
     * the tables are written directly). Returns that moment.
     */
    public static Instant leaveKilled(JobRepository repository, DataSource dataSource, long id, long committed) {
        JobExecution execution = repository.getJobExecution(id);
        LocalDateTime stopped = execution.getEndTime();
        StepExecution issue = execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().equals(BulkIssueJobConfiguration.ISSUE_STEP)).findFirst().orElseThrow();
        issue = repository.getStepExecution(id, issue.getId());
        issue.getExecutionContext().putInt("bulk.rows.read.count", (int) committed); // where a restart's reader goes on
        issue.getExecutionContext().putLong("wenshu.done", committed);
        issue.getExecutionContext().putLong("bulk.issued", committed);
        issue.getExecutionContext().putLong("bulk.issued.own", committed);
        issue.getExecutionContext().putLong("bulk.issued.own.execution", id);
        repository.updateExecutionContext(issue);
        // A pid no process has, on this host: the owner is dead.
        execution.getExecutionContext().putString("wenshu.owner", "2147483000:1@" + host());
        execution.getExecutionContext().putLong("wenshu.owner.execution", id);
        repository.updateExecutionContext(execution);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Timestamp at = Timestamp.valueOf(stopped);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL, "
                + "LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ?", at, id);
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL, "
                + "LAST_UPDATED = ? WHERE STEP_EXECUTION_ID = ?", at, issue.getId());
        return stopped.atZone(ZoneId.systemDefault()).toInstant();
    }

    /**
     * Leaves the records {@code recordIds} as a process killed while producing them leaves them: numbered
     * (register entry RESERVED under the row's idempotency key) but neither committed nor listed, for the run that
     * resumes to complete under the same number. Their objects stay; a takeover writes them again under the same keys.
     */
    public static void leaveReserved(DataSource dataSource, java.util.List<String> recordIds) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String record : recordIds) {
            jdbc.update("DELETE FROM files WHERE instrument_id = ?", record);
            jdbc.update("DELETE FROM instrument_units WHERE instrument_id = ?", record);
            jdbc.update("DELETE FROM instruments WHERE id = ?", record);
            if (jdbc.update("UPDATE register_entries SET state = 'RESERVED' WHERE record_id = ?", record) != 1) {
                throw new IllegalStateException("no register entry for " + record);
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
