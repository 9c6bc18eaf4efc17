package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The statistic behind the timing test of {@code /v/{code}}: it must see a real difference and ignore none. */
class MannWhitneyTests {

    @Test
    void separatedSamplesGiveALargeZAndInterleavedOnesASmallOne() {
        List<Long> low = LongStream.range(0, 20).boxed().toList();
        List<Long> high = LongStream.range(100, 120).boxed().toList();
        List<Long> evens = LongStream.range(0, 20).map(i -> 2 * i).boxed().toList();
        List<Long> odds = LongStream.range(0, 20).map(i -> 2 * i + 1).boxed().toList();

        assertThat(PublicVerificationIntegrationTests.mannWhitneyZ(low, high)).isLessThan(-5);
        assertThat(PublicVerificationIntegrationTests.mannWhitneyZ(high, low)).isGreaterThan(5);
        assertThat(Math.abs(PublicVerificationIntegrationTests.mannWhitneyZ(evens, odds))).isLessThan(0.5);
        assertThat(PublicVerificationIntegrationTests.mannWhitneyZ(List.of(5L, 5L), List.of(5L, 5L))).isCloseTo(0, within(1e-9));
    }
}
