package org.wenshu.search.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small list of legal synonyms and lay-to-legal expansions (法律同义词), applied to queries, never to the index:
 * the list can change without a rebuild.
 */
public final class LegalSynonyms {

    private final Map<String, Set<String>> expansions;

    private LegalSynonyms(Map<String, Set<String>> expansions) {
        this.expansions = expansions;
    }

    /** The list shipped with the module ({@code synonyms.txt}). */
    public static LegalSynonyms standard() {
        try (InputStream in = LegalSynonyms.class.getResourceAsStream("synonyms.txt")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("synonyms.txt is part of the module", e);
        }
    }

    /** No synonyms at all. */
    public static LegalSynonyms none() {
        return new LegalSynonyms(Map.of());
    }

    /** Parses lines {@code a,b,c} (interchangeable) and {@code a=>b,c} (a also looks for b and c). */
    public static LegalSynonyms parse(String text) {
        Map<String, Set<String>> expansions = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int arrow = line.indexOf("=>");
            if (arrow >= 0) {
                String from = line.substring(0, arrow).strip();
                for (String to : line.substring(arrow + 2).split(",")) {
                    add(expansions, from, to.strip());
                }
            } else {
                String[] group = line.split(",");
                for (String a : group) {
                    for (String b : group) {
                        add(expansions, a.strip(), b.strip());
                    }
                }
            }
        }
        return new LegalSynonyms(expansions);
    }

    private static void add(Map<String, Set<String>> expansions, String from, String to) {
        if (!from.isEmpty() && !to.isEmpty() && !from.equals(to)) {
            expansions.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
        }
    }

    /** Texts to look for besides {@code query}: the expansions of every entry the query contains. */
    public List<String> alternatives(String query) {
        Set<String> found = new LinkedHashSet<>();
        expansions.forEach((from, to) -> {
            if (query.contains(from)) {
                to.stream().filter(t -> !query.contains(t)).forEach(found::add);
            }
        });
        return new ArrayList<>(found);
    }

    /** Reads a word list resource: one entry a line, {@code #} comments. */
    static Set<String> wordList(String resource) {
        Set<String> words = new LinkedHashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                LegalSynonyms.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " is part of the module", e);
        }
        return words;
    }
}
