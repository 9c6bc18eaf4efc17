package org.wenshu.generator.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wenshu.generator.Fixtures;
import org.wenshu.generator.layout.LayoutViolation.Invariant;
import org.wenshu.generator.layout.PrintedDocument.Line;
import org.wenshu.generator.layout.RandomInstruments.Sample;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;

/**
 * Every shipped example and a few hundred random instruments keep the GB/T 9704-2012 layout rules, unsigned and
 * sealed. The random instruments are a seeded property test: their lengths are spread from half a page to five
 * pages so that the end of the text, the signature and the 版记 fall at every place a page can break. A failure
 * names the seed; {@code -Dwenshu.layout.seed=N -Dwenshu.layout.samples=1} prints that instrument alone.
 */
class LayoutInvariantTests {

    private static final long FIRST_SEED = Long.getLong("wenshu.layout.seed", 20260101L);
    private static final int SAMPLES = Integer.getInteger("wenshu.layout.samples", 300);
    private static final int SEALED_SAMPLES = Integer.getInteger("wenshu.layout.sealedSamples", 40);

    private final Printing printing = new Printing();

    static Stream<String> typeIds() {
        return InstrumentCatalog.standard().types().stream().map(InstrumentType::id);
    }

    @ParameterizedTest
    @MethodSource("typeIds")
    void everyShippedExampleKeepsTheLayoutRules(String typeId) {
        byte[] pdf = printing.print(typeId, Fixtures.example(typeId));

        assertThat(LayoutChecker.check(pdf)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("typeIds")
    void everyShippedExampleSealedCarriesTheSealOnItsSignature(String typeId) {
        byte[] pdf = printing.printSealed(typeId, Fixtures.example(typeId));
        Fixtures.keep("sealed-" + typeId, pdf);

        PrintedDocument printed = PrintedDocumentReader.read(pdf);
        assertThat(printed.seals()).hasSize(1);
        assertThat(LayoutChecker.check(printed)).isEmpty();
    }

    @Test
    void randomInstrumentsKeepTheLayoutRules() {
        Report report = run(LongStream.range(FIRST_SEED, FIRST_SEED + SAMPLES), false);

        report.write("random-unsigned");
        assertThat(report.failing()).as(report.summary()).isEmpty();
        // The samples end the text at most places it can end: the date on most of the rows 3-21 it can take (the
        // closing paragraph, a blank line and the signature stand above it), and the 版记 pushed to a page of its own.
        assertThat(report.dateRows()).as(report.summary()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(report.recordAlone()).as(report.summary()).isGreaterThan(0);
    }

    @Test
    void randomSealedInstrumentsCarryTheSealOnTheSignature() {
        // Signing costs several renders, so a smaller set; seeds of their own so that other page breaks are tried.
        Report report = run(LongStream.range(FIRST_SEED + 1_000_000, FIRST_SEED + 1_000_000 + SEALED_SAMPLES), true);

        report.write("random-sealed");
        assertThat(report.failing()).as(report.summary()).isEmpty();
        assertThat(report.recordAlone()).as("instruments whose 版记 follows on a page after the seal's")
                .isGreaterThan(0);
    }

    private Report run(LongStream seeds, boolean sealed) {
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        seeds.parallel().forEach(seed -> {
            Sample sample = RandomInstruments.sample(seed);
            byte[] pdf = sealed ? printing.printSealed(sample.typeId(), sample.values())
                    : printing.print(sample.typeId(), sample.values());
            PrintedDocument printed = PrintedDocumentReader.read(pdf);
            Optional<Line> date = LayoutChecker.dateLine(printed);
            int row = date.map(line -> Math.round((line.baseline() - LayoutChecker.TOP) / LayoutChecker.PITCH - 0.5f))
                    .orElse(-1);
            boolean recordAlone = date.isPresent() && date.get().page() < printed.pages().size() - 1;
            results.add(new Result(sample, printed.pages().size(), row, recordAlone, LayoutChecker.check(printed)));
        });
        return new Report(List.copyOf(results));
    }

    /** One instrument's page count, the grid row of its date (0-21), whether its 版记 has a page of its own. */
    private record Result(Sample sample, int pages, int dateRow, boolean recordAlone, List<LayoutViolation> violations) {
    }

    private record Report(List<Result> results) {

        Set<Integer> dateRows() {
            return results.stream().map(Result::dateRow).filter(row -> row >= 0).collect(Collectors.toSet());
        }

        long recordAlone() {
            return results.stream().filter(Result::recordAlone).count();
        }

        List<Result> failing() {
            return results.stream().filter(result -> !result.violations().isEmpty()).toList();
        }

        /** Per rule, how many instruments break it; then the first breaches with their seeds. */
        String summary() {
            Map<Invariant, Integer> counts = new EnumMap<>(Invariant.class);
            for (Invariant invariant : Invariant.values()) {
                counts.put(invariant, (int) results.stream().filter(result -> result.violations().stream()
                        .anyMatch(violation -> violation.invariant() == invariant)).count());
            }
            StringBuilder text = new StringBuilder();
            text.append(failing().size()).append(" of ").append(results.size()).append(" instruments break a rule (pages ")
                    .append(results.stream().mapToInt(Result::pages).min().orElse(0)).append("–")
                    .append(results.stream().mapToInt(Result::pages).max().orElse(0)).append("; the date on ")
                    .append(dateRows().size()).append(" of 22 rows; 版记 on a page of its own in ").append(recordAlone())
                    .append(")\n");
            counts.forEach((invariant, count) -> text.append(String.format("  %-20s %4d%n", invariant, count)));
            failing().stream().limit(12).forEach(result -> text.append("seed ").append(result.sample().seed())
                    .append(" ").append(result.sample().typeId()).append(": ")
                    .append(result.violations().stream().limit(3).toList()).append('\n'));
            return text.toString();
        }

        void write(String name) {
            try {
                Path dir = Path.of("target", "layout");
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(name + ".txt"), summary());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
