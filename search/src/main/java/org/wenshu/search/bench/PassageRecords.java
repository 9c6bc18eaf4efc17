package org.wenshu.search.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.wenshu.search.IndexedRecord;
import org.wenshu.search.RecordKind;
import org.wenshu.search.semantic.Passages;

/**
 * Synthetic records made of real passages (真实段落合成记录), for measuring retrieval by meaning at a scale the model
 * cannot embed in a benchmark: record {@code i} takes the title of one source text and, as its body, a run of one to
 * four consecutive pieces of that text's passage cut, so that {@link Passages#of} cuts the record into passages that
 * are, text for text, passages of the source. Only sources whose every passage is already embedded are used, so
 * the vector of every passage of every record is the model's real vector of that exact text (from a vector cache);
 * nothing is embedded and nothing is made up. Units, types, domains, statuses and dates are drawn as for the
 * words-only synthetic index. Records are a function of their number: the same {@code i} gives the same record.
 */
final class PassageRecords {

    private static final int MAX_PIECES = 4;

    private final List<String> titles = new ArrayList<>();
    /** Per source, the body pieces of its passage cut (its passages without the title line). */
    private final List<List<String>> pieces = new ArrayList<>();
    /** Every passage of every source used. */
    private final Set<String> passages = new HashSet<>();
    private final int skipped;

    /**
     * Keeps the texts ({@code titles[i]}, {@code bodies[i]}) whose every passage is {@code embedded}; throws
     * {@link IllegalArgumentException} when none is left.
     */
    PassageRecords(List<String> titles, List<String> bodies, Predicate<String> embedded) {
        int left = 0;
        for (int i = 0; i < titles.size(); i++) {
            List<String> all = Passages.of(titles.get(i), bodies.get(i));
            List<String> cut = Passages.of("", bodies.get(i));
            if (cut.size() != all.size() || cut.get(0).isEmpty() || !all.stream().allMatch(embedded)
                    || !standsAlone(titles.get(i), cut, all)) {
                left++;
                continue;
            }
            this.titles.add(titles.get(i));
            this.pieces.add(cut);
            this.passages.addAll(all);
        }
        this.skipped = left;
        if (this.titles.isEmpty()) {
            throw new IllegalArgumentException("no text has all its passages embedded (" + titles.size()
                    + " texts): fill the vector cache first");
        }
    }

    /** True when each piece, as a body of its own, is cut into just the passage it is in the whole text. */
    private static boolean standsAlone(String title, List<String> cut, List<String> all) {
        for (int p = 0; p < cut.size(); p++) {
            if (!Passages.of(title, cut.get(p)).equals(List.of(all.get(p)))) {
                return false;
            }
        }
        return true;
    }

    /** Source texts in use. */
    int sources() {
        return titles.size();
    }

    /** Texts left out because a passage of theirs is not embedded. */
    int skipped() {
        return skipped;
    }

    /** Distinct passages of the sources in use: every passage of every record is one of them. */
    Set<String> passages() {
        return Set.copyOf(passages);
    }

    /** The record number {@code i}. */
    IndexedRecord record(int i) {
        Random random = new Random(i);
        int source = random.nextInt(titles.size());
        String title = titles.get(source);
        String body = body(source, random);
        boolean response = random.nextInt(4) == 0;
        String[] units = SearchBenchmark.UNITS;
        String from = response ? units[2 + random.nextInt(units.length - 2)] : units[random.nextInt(2)];
        String to = response ? units[random.nextInt(2)] : units[2 + random.nextInt(units.length - 2)];
        LocalDate date = LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3650));
        return IndexedRecord.builder("syn-" + i, response ? RecordKind.RESPONSE : RecordKind.INSTRUMENT)
                .type(response ? "reply" : SearchBenchmark.TYPES[random.nextInt(SearchBenchmark.TYPES.length)])
                .number("检建〔" + date.getYear() + "〕" + (i % 1000 + 1) + "号")
                .title(title)
                .body(body)
                .issuingUnit(from).recipientUnits(List.of(to))
                .domain(SearchBenchmark.DOMAINS[random.nextInt(SearchBenchmark.DOMAINS.length)])
                .status(SearchBenchmark.STATUSES[random.nextInt(SearchBenchmark.STATUSES.length)])
                .date(date)
                .instrumentId(response ? "syn-" + Math.max(0, i - 1) : null)
                .build();
    }

    /**
     * A run of pieces of {@code source} whose own cut gives back exactly those passages. Pieces are joined as they
     * stood (a sentence end closes each); where the joined text would be cut elsewhere (a piece that ended at a line
     * break now runs on into the next), the run is shortened, down to one piece, which is always its own cut.
     */
    private String body(int source, Random random) {
        List<String> cut = pieces.get(source);
        int count = 1 + random.nextInt(Math.min(MAX_PIECES, cut.size()));
        int first = random.nextInt(cut.size() - count + 1);
        String title = titles.get(source);
        for (int n = count; n >= 1; n--) {
            List<String> run = cut.subList(first, first + n);
            for (String separator : new String[] {"", "\n"}) {
                String body = String.join(separator, run);
                List<String> expected = new ArrayList<>();
                for (String piece : run) {
                    expected.add(Passages.of(title, piece).get(0));
                }
                if (Passages.of(title, body).equals(expected) && passages.containsAll(expected)) {
                    return body;
                }
            }
        }
        throw new IllegalStateException("a passage of \"" + title + "\" is not cut the same on its own");
    }
}
