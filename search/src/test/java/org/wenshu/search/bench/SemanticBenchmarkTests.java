package org.wenshu.search.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What the meaning benchmark embeds: distinct query meanings, none among the warm-up's; memory read from /proc. */
class SemanticBenchmarkTests {

    @Test
    void theMeaningOfAQueryIsItsWordsWithoutQuotesAndFilters() {
        assertThat(QueryMeanings.meaning("\"仓储消防\" year:2018..2024")).isEqualTo("仓储消防");
        assertThat(QueryMeanings.meaning("倉儲 消防")).isEqualTo("仓储 消防");
    }

    @Test
    void measuredQueriesHaveDistinctMeaningsApartFromTheWarmUp() {
        List<String> queries = List.of("仓储", "\"仓储\"", "消防 year:2020..2021", "消防", "安全生产", "检察");

        List<String> measured = QueryMeanings.distinctMeanings(queries, Set.of("检察"));

        assertThat(measured).containsExactly("仓储", "消防 year:2020..2021", "安全生产");
    }

    @Test
    void readsResidentAndPeakMemoryFromAStatusText() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  812345 kB\nVmRSS:\t  654321 kB\nThreads:\t42\n";

        assertThat(ResidentMemory.field(status, "VmRSS")).contains(654321L);
        assertThat(ResidentMemory.field(status, "VmHWM")).contains(812345L);
        assertThat(ResidentMemory.field(status, "Threads")).isEmpty();
        assertThat(ResidentMemory.field(status, "VmSwap")).isEmpty();
    }

    @Test
    void thisProcessHasAResidentSetOnLinux() {
        assertThat(Path.of("/proc/self/status")).as("wenshu runs on Linux (Debian, README)").isReadable();

        ResidentMemory memory = ResidentMemory.now();

        assertThat(memory.residentKb()).isPositive();
        assertThat(memory.peakKb()).isGreaterThanOrEqualTo(memory.residentKb());
    }
}
