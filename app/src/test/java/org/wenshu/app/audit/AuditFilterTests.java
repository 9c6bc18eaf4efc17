package org.wenshu.app.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.wenshu.app.api.InputInvalid;

class AuditFilterTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void aDateNoCalendarHasIsSaidNotToExistAndAMalformedOneToBeMalformed() {
        AuditFilter impossible = new AuditFilter(null, null, null, "2024-02-30", null);
        AuditFilter malformed = new AuditFilter(null, null, null, null, "21.03.2024");

        assertThatThrownBy(() -> impossible.query(ZONE)).isInstanceOf(InputInvalid.class)
                .hasMessage("起始日期「2024-02-30」不存在（该月没有这一天）");
        assertThatThrownBy(() -> malformed.query(ZONE)).isInstanceOf(InputInvalid.class)
                .hasMessageContaining("无效：请按 yyyy-MM-dd 填写").hasMessageNotContaining("不存在");
    }
}
