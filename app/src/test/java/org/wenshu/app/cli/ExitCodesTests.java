package org.wenshu.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLIntegrityConstraintViolationException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;

class ExitCodesTests {

    private static String reported(Exception failure) {
        StringWriter err = new StringWriter();
        assertThat(ExitCodes.report(failure, new PrintWriter(err, true))).isEqualTo(ExitCodes.FAILURE);
        return err.toString();
    }

    @Test
    void aDatabaseFailureIsReportedInWordsWithoutItsStatement() {
        DuplicateKeyException duplicate = new DuplicateKeyException("PreparedStatementCallback; SQL [INSERT INTO "
                + "register_entries (issuing_unit) VALUES (?)]; Unique index or primary key violation: \"PUBLIC.CONSTRAINT_28\"",
                new SQLIntegrityConstraintViolationException("CONSTRAINT_28"));

        String printed = reported(new IllegalStateException("wrapped", duplicate));

        assertThat(printed).startsWith("wenshu: 失败").contains("数据库拒绝了这次写入")
                .doesNotContain("SQL", "register_entries", "CONSTRAINT", "Exception");
        assertThat(reported(new DataAccessResourceFailureException("Connection is broken: \"/home/x/db.mv.db\"")))
                .contains("无法连接数据库").doesNotContain("db.mv.db");
    }
}
