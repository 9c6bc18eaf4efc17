package org.wenshu.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.factory.BeanCreationException;
import org.wenshu.batch.bulk.BulkIssueInput;
import org.wenshu.batch.bulk.ListRefused;

class FailureReasonTests {

    @Test
    void aRefusalInsideAStepScopedBeanIsSaidWithItsOwnMessage() {
        ListRefused refused = new ListRefused("名单文件 gbk.csv 不是 UTF-8 编码");
        BeanCreationException wrapped = new BeanCreationException("scopedTarget.bulkIssueInput",
                "Failed to instantiate", new BeanInstantiationException(BulkIssueInput.class,
                "Factory method 'bulkIssueInput' threw exception", refused));

        assertThat(FailureReason.of(wrapped)).isEqualTo("名单文件 gbk.csv 不是 UTF-8 编码");
    }

    @Test
    void theRefusalItselfIsSaidEvenWhenItHasALibraryCause() {
        ListRefused refused = new ListRefused("CSV 文件 a.csv 格式错误（RFC 4180）：第 2 行开始的引号没有闭合",
                new java.io.IOException("(startline 2) EOF reached before encapsulated token finished"));

        assertThat(FailureReason.of(refused)).isEqualTo(refused.getMessage());
    }

    @Test
    void aLibraryFailureIsNamedByItsTypeNotItsEnglishText() {
        RuntimeException failure = new org.springframework.core.task.TaskRejectedException("wrapper",
                new IllegalStateException("Connection is closed"));

        assertThat(FailureReason.of(failure)).isEqualTo("内部错误（IllegalStateException），详情见日志")
                .doesNotContain("Connection", "wrapper");
    }

    @Test
    void aDatabaseFailureIsSaidByItsKindWithoutItsStatement() {
        RuntimeException duplicate = new org.springframework.dao.DuplicateKeyException("PreparedStatementCallback; SQL "
                + "[INSERT INTO register_entries …]; Unique index or primary key violation: \"PUBLIC.CONSTRAINT_28\"",
                new java.sql.SQLIntegrityConstraintViolationException("CONSTRAINT_28"));

        assertThat(FailureReason.of(new IllegalStateException("chunk", duplicate)))
                .startsWith("数据库拒绝了这次写入").doesNotContain("SQL", "register_entries", "CONSTRAINT", "Exception");
        assertThat(FailureReason.of(new org.springframework.dao.DataAccessResourceFailureException("wrapper",
                new IllegalStateException("Connection is closed")))).startsWith("无法连接数据库");
    }

    @Test
    void anInterruptedJobSaysHowToResume() {
        assertThat(FailureReason.of(new JobInterruptedException("Job interrupted by step execution")))
                .startsWith("作业被中断").contains("wenshu batch restart");
    }

    @Test
    void aStoredStackTraceIsSaidByItsWenshuCause() {
        String stored = "org.springframework.beans.factory.BeanCreationException: Error creating bean with name "
                + "'scopedTarget.bulkIssueInput': Failed to instantiate\n\tat org.springframework.Foo.bar(Foo.java:1)\n"
                + "Caused by: org.springframework.beans.BeanInstantiationException: Failed to instantiate\n\tat x.Y.z(Y.java:2)\n"
                + "Caused by: org.wenshu.batch.bulk.ListRefused: 名单文件 gbk.csv 不是 UTF-8 编码\n\tat x.Y.z(Y.java:3)\n";

        assertThat(FailureReason.ofStored(stored)).isEqualTo("名单文件 gbk.csv 不是 UTF-8 编码");
        assertThat(FailureReason.ofStored("java.lang.IllegalStateException: Connection is closed\n\tat x.Y.z(Y.java:3)"))
                .isEqualTo("内部错误（IllegalStateException），详情见日志");
        assertThat(FailureReason.ofStored("名单文件 a.csv 在作业开始后被修改\n名单文件 b.csv 不存在"))
                .isEqualTo("名单文件 a.csv 在作业开始后被修改");
    }
}
