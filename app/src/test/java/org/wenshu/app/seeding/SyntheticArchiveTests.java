package org.wenshu.app.seeding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SyntheticArchiveTests {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void theSameSeedDrawsTheSameRecords() {
        List<SyntheticArchive.Plan> first = IntStream.range(0, 200).mapToObj(i -> SyntheticArchive.plan(3, TODAY, ZONE, i))
                .toList();
        List<SyntheticArchive.Plan> again = IntStream.range(0, 200).mapToObj(i -> SyntheticArchive.plan(3, TODAY, ZONE, i))
                .toList();

        assertThat(again).isEqualTo(first);
    }

    @Test
    void anotherSeedDrawsOtherRecords() {
        List<SyntheticArchive.Plan> three = IntStream.range(0, 50).mapToObj(i -> SyntheticArchive.plan(3, TODAY, ZONE, i))
                .toList();
        List<SyntheticArchive.Plan> four = IntStream.range(0, 50).mapToObj(i -> SyntheticArchive.plan(4, TODAY, ZONE, i))
                .toList();

        assertThat(four).doesNotContainAnyElementsOf(three);
    }

    @Test
    void everyLifeStepHappensInOrderBeforeToday() {
        IntStream.range(0, 2000).mapToObj(i -> SyntheticArchive.plan(1, TODAY, ZONE, i)).forEach(plan -> {
            LocalDate issued = plan.issuedAt().atZone(ZONE).toLocalDate();
            assertThat(issued).isBefore(TODAY).isAfterOrEqualTo(LocalDate.of(2022, 1, 1));
            plan.deliveredOn().ifPresent(d -> assertThat(d).isAfter(issued).isBefore(TODAY));
            plan.answers().forEach(a -> {
                assertThat(plan.deliveredOn()).isPresent();
                assertThat(a.at().atZone(ZONE).toLocalDate()).isAfterOrEqualTo(plan.deliveredOn().get()).isBefore(TODAY);
            });
            plan.closing().ifPresent(c -> {
                assertThat(c.at().atZone(ZONE).toLocalDate()).isBefore(TODAY);
                plan.answers().forEach(a -> assertThat(c.at()).isAfter(a.at()));
            });
        });
    }

    @Test
    void drawsEveryTypeStateAndAdoption() {
        List<SyntheticArchive.Plan> plans = IntStream.range(0, 2000)
                .mapToObj(i -> SyntheticArchive.plan(1, TODAY, ZONE, i)).toList();

        assertThat(plans.stream().map(SyntheticArchive.Plan::typeId).distinct()).containsExactlyInAnyOrder(
                "procuratorial-suggestion", "procuratorial-opinion", "meeting-notice", "reply-reminder");
        assertThat(plans.stream().map(p -> SyntheticArchive.expectedStatus(p, SyntheticArchiveProbe.recipients(p).size()))
                .distinct()).hasSize(5);
        assertThat(plans.stream().flatMap(p -> p.answers().stream()).map(SyntheticArchive.Answer::adoption).distinct())
                .hasSize(3);
        assertThat(plans.stream().map(p -> p.issuedAt().atZone(ZONE).getYear()).distinct()).hasSize(5);
    }

    @Test
    void refusesTheProductionProfileBeforeTouchingAnything() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("cli", "production");
        // Nothing else is given: a refusal that came later would fail on the missing archive instead.
        BenchSeeding seeding = new BenchSeeding(production, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> seeding.seed(Optional.empty(), 10, 1, 1, TODAY, message -> { }))
                .isInstanceOf(BenchSeeding.Refused.class).hasMessageContaining("production");
    }
}
