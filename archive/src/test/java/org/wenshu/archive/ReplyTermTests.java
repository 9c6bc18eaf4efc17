package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ReplyTermTests {

    @Test
    void twoMonthsAfterDeliveryOrFifteenDaysWhenUrgent() {
        LocalDate delivered = LocalDate.of(2024, 12, 31);

        assertThat(ReplyTerm.standard(false).dueDate(delivered)).contains(LocalDate.of(2025, 2, 28));
        assertThat(ReplyTerm.standard(true).dueDate(delivered)).contains(LocalDate.of(2025, 1, 15));
    }

    @Test
    void aFixedDateDoesNotMoveWithDelivery() {
        ReplyTerm meeting = ReplyTerm.by(LocalDate.of(2024, 3, 20));

        assertThat(meeting.dueDate(LocalDate.of(2024, 3, 1))).contains(LocalDate.of(2024, 3, 20));
        assertThat(ReplyTerm.none().dueDate(LocalDate.of(2024, 3, 1))).isEmpty();
    }

    @Test
    void aTermIsAPeriodOrADateNotBoth() {
        assertThatThrownBy(() -> new ReplyTerm(Optional.of(Period.ofDays(1)), Optional.of(LocalDate.of(2024, 1, 1))))
                .hasMessage("a reply term is a period or a fixed date, not both");
    }

    @Test
    void documentNumbersArePrintedWithHexagonalBrackets() {
        assertThat(new DocumentNumber("荆检行建", 2024, 12).text()).isEqualTo("荆检行建〔2024〕12号");
    }
}
