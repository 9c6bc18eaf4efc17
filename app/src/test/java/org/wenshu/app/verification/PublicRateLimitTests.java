package org.wenshu.app.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class PublicRateLimitTests {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {

        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void grantsABurstOfTheBudgetThenRefusesWithTheWaitInSeconds() {
        ManualClock clock = new ManualClock();
        PublicRateLimit limit = new PublicRateLimit(20, clock);

        for (int i = 0; i < 20; i++) {
            assertThat(limit.acquire("203.0.113.1")).as("request %d", i + 1).isZero();
        }

        assertThat(limit.acquire("203.0.113.1")).isEqualTo(3); // 20 a minute: one token every 3 s
    }

    @Test
    void refillsContinuouslyUpToTheBudgetOnly() {
        ManualClock clock = new ManualClock();
        PublicRateLimit limit = new PublicRateLimit(20, clock);
        for (int i = 0; i < 20; i++) {
            limit.acquire("203.0.113.1");
        }

        clock.now = clock.now.plus(Duration.ofSeconds(3));
        assertThat(limit.acquire("203.0.113.1")).isZero();
        assertThat(limit.acquire("203.0.113.1")).isPositive();

        clock.now = clock.now.plus(Duration.ofHours(1));
        int granted = 0;
        while (limit.acquire("203.0.113.1") == 0) {
            granted++;
        }
        assertThat(granted).isEqualTo(20);
    }

    @Test
    void eachAddressHasItsOwnBudget() {
        ManualClock clock = new ManualClock();
        PublicRateLimit limit = new PublicRateLimit(1, clock);

        assertThat(limit.acquire("203.0.113.1")).isZero();
        assertThat(limit.acquire("203.0.113.1")).isEqualTo(60);
        assertThat(limit.acquire("203.0.113.2")).isZero();
    }
}
