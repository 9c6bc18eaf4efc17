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
 * The query vocabulary of the legal domain (法律检索词表), applied to queries, never to the index: it can change
 * without a rebuild. Three lists, each with its weight relative to the words typed (times the ranking's synonym
 * weight): {@code abbreviations.txt} (customary short forms and their full names, 最高法 → 最高人民法院, weight 2: a
 * short form means exactly its full name), {@code synonyms.txt} (general lay-to-legal usage, 醉驾 → 醉酒驾驶, weight
 * 1) and {@code document-kinds.txt} (the kinds of legal document, 规定 ≈ 解释 ≈ 办法, weight 0.5: a user who names
 * one kind often means a text titled with another). How the lists were built is written at the top of each.
 */
public final class LegalSynonyms {

    /** Another text to look for, with its weight relative to the text typed (before the ranking's weight). */
    public record Alternative(String text, float weight) {
    }

    private final Map<String, Map<String, Float>> expansions;
    private final Set<String> kinds;

    private LegalSynonyms(Map<String, Map<String, Float>> expansions, Set<String> kinds) {
        this.expansions = expansions;
        this.kinds = kinds;
    }

    /** The lists shipped with the module. */
    public static LegalSynonyms standard() {
        Map<String, Map<String, Float>> expansions = new LinkedHashMap<>();
        read(expansions, "abbreviations.txt", 2f);
        read(expansions, "synonyms.txt", 1f);
        read(expansions, "document-kinds.txt", 0.5f);
        Set<String> kinds = new LinkedHashSet<>();
        for (String line : wordList("document-kinds.txt")) {
            for (String kind : line.split(",")) {
                kinds.add(kind.strip());
            }
        }
        return new LegalSynonyms(expansions, Set.copyOf(kinds));
    }

    private static void read(Map<String, Map<String, Float>> expansions, String resource, float weight) {
        try (InputStream in = LegalSynonyms.class.getResourceAsStream(resource)) {
            parseInto(expansions, new String(in.readAllBytes(), StandardCharsets.UTF_8), weight);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " is part of the module", e);
        }
    }

    /** No synonyms at all. */
    public static LegalSynonyms none() {
        return new LegalSynonyms(Map.of(), Set.of());
    }

    /** Parses lines {@code a,b,c} (interchangeable) and {@code a=>b,c} (a also looks for b and c), weight 1. */
    public static LegalSynonyms parse(String text) {
        Map<String, Map<String, Float>> expansions = new LinkedHashMap<>();
        parseInto(expansions, text, 1f);
        return new LegalSynonyms(expansions, Set.of());
    }

    private static void parseInto(Map<String, Map<String, Float>> expansions, String text, float weight) {
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int arrow = line.indexOf("=>");
            if (arrow >= 0) {
                String from = line.substring(0, arrow).strip();
                for (String to : line.substring(arrow + 2).split(",")) {
                    add(expansions, from, to.strip(), weight);
                }
            } else {
                String[] group = line.split(",");
                for (String a : group) {
                    for (String b : group) {
                        add(expansions, a.strip(), b.strip(), weight);
                    }
                }
            }
        }
    }

    private static void add(Map<String, Map<String, Float>> expansions, String from, String to, float weight) {
        if (!from.isEmpty() && !to.isEmpty() && !from.equals(to)) {
            expansions.computeIfAbsent(from, k -> new LinkedHashMap<>()).merge(to, weight, Math::max);
        }
    }

    /** Texts to look for besides {@code query}: the expansions of every entry the query contains. */
    public List<String> alternatives(String query) {
        return weighted(query).stream().map(Alternative::text).toList();
    }

    /**
     * The expansions of every entry {@code query} contains, each once at its highest weight, leaving out those the
     * query already contains.
     */
    public List<Alternative> weighted(String query) {
        Map<String, Float> found = new LinkedHashMap<>();
        expansions.forEach((from, to) -> {
            if (query.contains(from)) {
                to.forEach((text, weight) -> {
                    if (!query.contains(text)) {
                        found.merge(text, weight, Math::max);
                    }
                });
            }
        });
        List<Alternative> result = new ArrayList<>();
        found.forEach((text, weight) -> result.add(new Alternative(text, weight)));
        return result;
    }

    /** True when {@code word} is only a kind of document (规定, 解释, 办法…): a hint, not a requirement. */
    public boolean isDocumentKind(String word) {
        return kinds.contains(word);
    }

    /** The kinds of document of {@code document-kinds.txt} (empty for a vocabulary without them). */
    public Set<String> documentKinds() {
        return kinds;
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
