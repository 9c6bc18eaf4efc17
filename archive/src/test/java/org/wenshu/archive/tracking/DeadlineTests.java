package org.wenshu.archive.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DeadlineTests {

    @Test
    void readsDatesAsTheOfficeWritesThem() {
        assertThat(Deadline.parse("2024-06-30", 2024).dueDate()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(Deadline.parse("2024/6/3", 2024).dueDate()).isEqualTo(LocalDate.of(2024, 6, 3));
        assertThat(Deadline.parse("2024年9月30日前", 2024).dueDate()).isEqualTo(LocalDate.of(2024, 9, 30));
        assertThat(Deadline.parse("6月底前", 2024).dueDate()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(Deadline.parse("2月底", 2024).dueDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Deadline.parse("年底前", 2024)).isEqualTo(Deadline.on(LocalDate.of(2024, 12, 31)));
    }

    @Test
    void readsAFrequencyAsDueAtTheYearsEndWithItsCount() {
        Deadline twice = Deadline.parse("全年至少开展2次", 2024);

        assertThat(twice).isEqualTo(new Deadline(LocalDate.of(2024, 12, 31), Optional.of("全年至少开展2次"), 2));
        assertThat(twice.text()).isEqualTo("全年至少开展2次");
        assertThat(Deadline.parse("全年开展十二次", 2024).targetCount()).isEqualTo(12);
    }

    @Test
    void refusesWhatIsNoDeadlineNamingTheText() {
        assertThatThrownBy(() -> Deadline.parse("尽快", 2024)).hasMessageContaining("「尽快」无法识别");
        assertThatThrownBy(() -> Deadline.parse("2024-13-45", 2024)).hasMessageContaining("不是有效日期");
        assertThatThrownBy(() -> Deadline.parse("2023-12-31", 2024)).hasMessageContaining("早于清单年度");
        assertThatThrownBy(() -> Deadline.parse(" ", 2024)).hasMessage("缺少完成时限");
        assertThatThrownBy(() -> Deadline.parse("全年0次", 2024)).hasMessageContaining("1–366");
    }

    @Test
    void isPassedOnlyAfterTheDueDay() {
        Deadline deadline = Deadline.on(LocalDate.of(2024, 6, 30));

        assertThat(deadline.passedOn(LocalDate.of(2024, 6, 30))).isFalse();
        assertThat(deadline.passedOn(LocalDate.of(2024, 7, 1))).isTrue();
    }
}
