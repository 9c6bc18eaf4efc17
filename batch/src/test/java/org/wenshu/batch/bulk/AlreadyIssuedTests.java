package org.wenshu.batch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AlreadyIssuedTests {

    @Test
    void namesTheEarlierNumberOnlyWhenItMayBeTold() {
        AlreadyIssued visible = new AlreadyIssued(2, Optional.of("荆检行建〔2024〕1号"));
        AlreadyIssued hidden = new AlreadyIssued(3, Optional.empty());

        assertThat(visible.describe()).isEqualTo("第 2 行：与已发出的 荆检行建〔2024〕1号 完全相同（同一类型、发文机关、标题和字段），不会重复发文");
        assertThat(hidden.describe()).startsWith("第 3 行：与一份已发出的文书完全相同").contains("不显示其字号")
                .doesNotContain("〔");
    }

    @Test
    void namesTheExecutionOfTheSameListThatIssuedTheRow() {
        AlreadyIssued own = new AlreadyIssued(2, Optional.of("荆检行建〔2024〕1号"), Optional.of(12L));
        AlreadyIssued ownHidden = new AlreadyIssued(3, Optional.empty(), Optional.of(12L));

        assertThat(own.describe()).isEqualTo("第 2 行：已由这份名单的批量发文 #12 发出（荆检行建〔2024〕1号），不会重复发文");
        assertThat(ownHidden.describe()).isEqualTo("第 3 行：已由这份名单的批量发文 #12 发出，不会重复发文");
    }
}
