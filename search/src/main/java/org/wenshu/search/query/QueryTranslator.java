package org.wenshu.search.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.wenshu.search.analysis.ChineseAnalysis;
import org.wenshu.search.analysis.ChineseAnalysis.Token;
import org.wenshu.search.analysis.ChineseNormalization;
import org.wenshu.search.analysis.IndexFields;
import org.wenshu.search.analysis.LegalSynonyms;
import org.wenshu.search.analysis.QueryStopwords;
import org.wenshu.search.query.ParsedQuery.Clause;
import org.wenshu.search.query.ParsedQuery.DateRange;
import org.wenshu.search.query.ParsedQuery.Filter;
import org.wenshu.search.query.ParsedQuery.Phrase;
import org.wenshu.search.query.ParsedQuery.Words;

/** Turns a {@link ParsedQuery} into a Lucene query over the index fields, ranked as {@link Ranking} says. */
public final class QueryTranslator {

    private static final int MAX_TERMS = 64;
    private static final Pattern YEAR = Pattern.compile("(?:19|20)[0-9]{2}年?");
    private static final Pattern TITLE_NOISE = Pattern.compile("[\\s《》〈〉\"“”'‘’]+");
    private static final String STATE_NAME = "中华人民共和国";
    private static final List<String> NEWEST = List.of("最新", "新");
    /** 1 to 19 as titles print them (index = the number): ICU's Chinese spellout, 十一 for 11. */
    private static final String[] NUMERALS = numerals();
    private static final String JUDICIAL_INTERPRETATION = "司法解释";
    /** The forms of a judicial interpretation: 最高人民法院关于司法解释工作的规定 (2021), Art. 6. */
    private static final Set<String> JUDICIAL_FORMS = Set.of("解释", "规定", "规则", "批复", "决定");
    private static final Pattern YEAR_IN_TEXT = Pattern.compile("(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])");

    private final ChineseAnalysis analysis;
    private final LegalSynonyms synonyms;
    private final QueryStopwords stopwords;
    private final Ranking ranking;
    private final Pattern seriesNumber;

    public QueryTranslator(ChineseAnalysis analysis, LegalSynonyms synonyms, Ranking ranking) {
        this.analysis = analysis;
        this.synonyms = synonyms;
        this.stopwords = new QueryStopwords(analysis);
        this.ranking = ranking;
        List<String> kinds = new ArrayList<>(synonyms.documentKinds());
        kinds.add("修正案");
        kinds.sort((a, b) -> b.length() - a.length());
        // 1 to 19: series run to 十二; a larger number after a kind is more often an article (民诉法解释92).
        this.seriesNumber = Pattern.compile("^(.*(?:" + String.join("|", kinds.stream().map(Pattern::quote).toList())
                + "))[(（]?(十[一二三四五六七八九]?|[一二三四五六七八九]|1[0-9]|[1-9])[)）]?$");
    }

    /**
     * A word's text and the number of a series it asks for: 公司法解释三 is 公司法解释 and 三, 刑法修正案11 is
     * 刑法修正案 and 十一 (titles print the number in Chinese numerals in brackets, 规定（三）).
     *
     * @param text   the word without the number
     * @param number the number in Chinese numerals (一 to 十九), or null when the word asks for none
     */
    record Series(String text, String number) {
    }

    /**
     * {@code folded} (normalised, digits ASCII) read as {@link Series}: a number from 1 to 19 (in digits or Chinese
     * numerals, bracketed or not) right after a kind of document ({@code document-kinds.txt}, or 修正案) is a series
     * number; otherwise the text as it is, with no number. Off when {@link Ranking#seriesNumbers()} is false.
     */
    Series series(String folded) {
        Matcher m = ranking.seriesNumbers() ? seriesNumber.matcher(folded) : null;
        if (m == null || !m.matches()) {
            return new Series(folded, null);
        }
        String number = m.group(2);
        if (Character.isDigit(number.charAt(0))) {
            number = NUMERALS[Integer.parseInt(number)];
        }
        return new Series(m.group(1), number);
    }

    private static String[] numerals() {
        RuleBasedNumberFormat spellout = new RuleBasedNumberFormat(ULocale.SIMPLIFIED_CHINESE,
                RuleBasedNumberFormat.SPELLOUT);
        String[] numerals = new String[20];
        for (int n = 1; n < numerals.length; n++) {
            numerals[n] = spellout.format(n);
        }
        return numerals;
    }

    /** The ranking this translator applies. */
    public Ranking ranking() {
        return ranking;
    }

    /** The query for {@code parsed}, without any access restriction (the caller adds that as a filter). */
    public Query translate(ParsedQuery parsed) {
        return translate(parsed, true, Relaxation.NONE);
    }

    /** As {@link #translate(ParsedQuery)}, relaxed as {@code relaxation} says. */
    public Query translate(ParsedQuery parsed, Relaxation relaxation) {
        return translate(parsed, true, relaxation);
    }

    /** As {@link #matching(ParsedQuery)}, relaxed as {@code relaxation} says. */
    public Query matching(ParsedQuery parsed, Relaxation relaxation) {
        return new ConstantScoreQuery(translate(parsed, false, relaxation));
    }

    /**
     * How a query that found nothing is widened (放宽): word groups left out ({@code dropped}, by their index in
     * {@link ParsedQuery#groups()}), and, when {@code minimumWords > 0}, the remaining plain words made optional
     * with at least that many matching. Phrases, filters and exclusions never relax.
     */
    public record Relaxation(Set<Integer> dropped, int minimumWords) {

        /** The query as typed. */
        public static final Relaxation NONE = new Relaxation(Set.of(), 0);

        public Relaxation {
            dropped = Set.copyOf(dropped);
        }
    }

    /**
     * The groups of {@code parsed} that may be relaxed, by index: a single plain word that every hit must contain
     * (not a phrase, filter, exclusion, OR group, year or document kind).
     */
    public List<Integer> relaxable(ParsedQuery parsed) {
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < parsed.groups().size(); i++) {
            List<Clause> group = parsed.groups().get(i);
            if (group.size() == 1 && group.get(0) instanceof Words w && !w.excluded() && !isSoft(w.text())) {
                groups.add(i);
            }
        }
        return groups;
    }

    /**
     * What a record must satisfy besides the free words: quoted phrases, field filters, date ranges and exclusions
     * (OR groups that hold only such clauses too). The dense side is filtered by it; free words are what it answers
     * by meaning. Null when there is no such condition.
     */
    public Query constraints(ParsedQuery parsed) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int count = 0;
        for (List<Clause> group : parsed.groups()) {
            if (group.stream().anyMatch(c -> c instanceof Words && !c.excluded())) {
                continue;
            }
            if (group.size() == 1) {
                Clause clause = group.get(0);
                all.add(clause(clause, false), clause.excluded() ? Occur.MUST_NOT : Occur.FILTER);
            } else {
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                group.forEach(c -> any.add(clause(c, false), Occur.SHOULD));
                all.add(any.build(), Occur.FILTER);
            }
            count++;
        }
        // A query of exclusions alone matches nothing: they exclude from everything.
        all.add(new MatchAllDocsQuery(), Occur.FILTER);
        return count == 0 ? null : all.build();
    }

    /**
     * True when the free text of {@code parsed} is asked as a question or told in the first person
     * ({@link QueryStopwords#asks}): the dense side's weight is then multiplied by {@link Ranking#questionFactor()}.
     */
    public boolean isQuestion(ParsedQuery parsed) {
        for (List<Clause> group : parsed.groups()) {
            for (Clause clause : group) {
                if (!clause.excluded() && clause instanceof Words w
                        && stopwords.asks(ChineseNormalization.normalize(w.text()))) {
                    return true;
                }
            }
        }
        return false;
    }


    /**
     * The years (19xx or 20xx, also inside a word such as 2022年修正, digits folded from full width) the words or
     * phrases of {@code parsed} name: the user asks for a version, not the newest; empty when none.
     */
    public Set<Integer> yearsNamed(ParsedQuery parsed) {
        Set<Integer> years = new TreeSet<>();
        Matcher m = YEAR_IN_TEXT.matcher(meaning(parsed));
        while (m.find()) {
            years.add(Integer.parseInt(m.group()));
        }
        return years;
    }

    /**
     * The number of a series the plain words of {@code parsed} ask for ({@link #series}: 公司法解释三 asks for 三), the
     * first if several do; words of an OR group do not (公司法解释三 OR 公司法解释四 asks for no one number); null
     * when none does or {@link Ranking#seriesNumbers()} is off.
     */
    public String seriesNumber(ParsedQuery parsed) {
        for (List<Clause> group : parsed.groups()) {
            if (group.size() == 1 && !group.get(0).excluded() && group.get(0) instanceof Words w) {
                String folded = ChineseNormalization.normalize(w.text());
                String number = series(ranking.stopwords() ? stopwords.strip(folded) : folded).number();
                if (number != null) {
                    return number;
                }
            }
        }
        return null;
    }

    /** True when {@code title} prints the series number {@code number} in brackets: 规定（三）, 修正案（十一）. */
    public static boolean titleHasSeriesNumber(String title, String number) {
        String folded = ChineseNormalization.normalize(title);
        return folded.contains("(" + number + ")") || folded.contains("（" + number + "）");
    }

    /**
     * The title {@code parsed} may be the whole of, as {@link #titleKey(String)} folds it: its plain words run
     * together, a year among them left out ({@code 食品安全法 2021} is 食品安全法); null when the query has a phrase,
     * an OR group or no plain word, or when the key is shorter than two characters.
     */
    public String titleKey(ParsedQuery parsed) {
        StringBuilder text = new StringBuilder();
        for (List<Clause> group : parsed.groups()) {
            for (Clause clause : group) {
                if (clause.excluded() || clause instanceof Filter || clause instanceof DateRange) {
                    continue;
                }
                if (group.size() > 1 || !(clause instanceof Words w)) {
                    return null;
                }
                String word = ChineseNormalization.normalize(w.text()).strip();
                if (!YEAR.matcher(word).matches()) {
                    text.append(word);
                }
            }
        }
        String key = titleKey(text.toString());
        return key.length() < 2 ? null : key;
    }

    /**
     * True when {@code queryKey} ({@link #titleKey(ParsedQuery)}) is the whole of {@code title}: equal to its
     * {@link #titleKey(String)}, or so after a leading 新 or 最新 (新行政复议法: the law as last revised, whose versions
     * then come newest first).
     */
    public static boolean isWholeTitle(String queryKey, String title) {
        String key = titleKey(title);
        if (queryKey.equals(key)) {
            return true;
        }
        for (String newest : NEWEST) {
            if (queryKey.startsWith(newest) && queryKey.length() - newest.length() >= 2
                    && queryKey.substring(newest.length()).equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code title} folded for comparing a whole title with a query ({@link ChineseNormalization}), without spaces,
     * book-title marks and quotation marks, and without the 中华人民共和国 that opens a national law's title (its
     * customary name leaves it out).
     */
    public static String titleKey(String title) {
        String key = TITLE_NOISE.matcher(ChineseNormalization.normalize(title)).replaceAll("");
        return key.startsWith(STATE_NAME) ? key.substring(STATE_NAME.length()) : key;
    }

    /** The dense side's weight in the fusion for {@code parsed}: a question's is multiplied. */
    public float denseWeight(ParsedQuery parsed) {
        return ranking.questionFactor() != 1f && isQuestion(parsed)
                ? ranking.semanticWeight() * ranking.questionFactor() : ranking.semanticWeight();
    }

    /** The text the dense side embeds: the words and phrases looked for, folded, in the order typed. */
    public String meaning(ParsedQuery parsed) {
        List<String> texts = new ArrayList<>();
        for (List<Clause> group : parsed.groups()) {
            for (Clause clause : group) {
                if (clause.excluded()) {
                    continue;
                }
                if (clause instanceof Words w) {
                    texts.add(ChineseNormalization.normalize(w.text()));
                } else if (clause instanceof Phrase p) {
                    texts.add(ChineseNormalization.normalize(p.text()));
                }
            }
        }
        return String.join(" ", texts);
    }

    /** The records one word of a query matches on its own (for finding the words that match nothing). */
    public Query wordMatching(String word) {
        return new ConstantScoreQuery(matchingText(word));
    }

    /**
     * True for a word that ranks but is not required: a year (2024, 2024年), which a text may never print, and a
     * kind of document (规定, 解释, also with a series number: 解释三), which the title may name differently.
     */
    boolean isSoft(String raw) {
        String word = ChineseNormalization.normalize(raw).strip();
        return YEAR.matcher(word).matches() || synonyms.isDocumentKind(series(word).text());
    }

    private boolean isKind(String raw) {
        return synonyms.isDocumentKind(series(ChineseNormalization.normalize(raw).strip()).text());
    }

    /**
     * A word that only names a kind of document, scored as {@link Ranking#kindWeight()} says: the weight for a title
     * that names that kind (for 司法解释, one of the forms a judicial interpretation takes), half of it for a title
     * that names another kind, nothing for the rest; the records it matches are those {@link #matchingText} matches.
     */
    private Query kind(String raw) {
        Series series = series(ChineseNormalization.normalize(raw).strip());
        String word = series.text();
        Set<String> named = word.equals(JUDICIAL_INTERPRETATION) ? JUDICIAL_FORMS : Set.of(word);
        Query titled = new DisjunctionMaxQuery(List.of(
                new BoostQuery(new ConstantScoreQuery(titleNames(named)), ranking.kindWeight()),
                new BoostQuery(new ConstantScoreQuery(titleNames(synonyms.documentKinds())),
                        ranking.kindWeight() / 2)), 0f);
        // The title clauses only rank: the records matched are those matchingText matches.
        BooleanQuery.Builder any = new BooleanQuery.Builder()
                .add(new BoostQuery(new ConstantScoreQuery(matchingText(raw)), 0f), Occur.MUST)
                .add(titled, Occur.SHOULD);
        seriesNumber(series, any);
        return any.build();
    }

    /** Records whose title contains one of {@code kinds} (as contiguous title bigrams). */
    private Query titleNames(Set<String> kinds) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String kind : kinds) {
            List<Token> tokens = ChineseAnalysis.tokens(analysis.bigrams(), IndexFields.TITLE_BIGRAMS, kind);
            if (!tokens.isEmpty()) {
                any.add(phraseOn(IndexFields.TITLE_BIGRAMS, tokens), Occur.SHOULD);
            }
        }
        return any.build();
    }

    /**
     * A query matching exactly the records {@link #translate} matches, without scores: for counting and facets.
     * Free text becomes one {@link AnyTermQuery}, which reads postings into a bit set instead of merging them
     * through a priority queue, and drops the contiguous-text boosts, which only rank (a phrase of the
     * text's bigrams cannot match where none of them does).
     */
    public Query matching(ParsedQuery parsed) {
        return new ConstantScoreQuery(translate(parsed, false, Relaxation.NONE));
    }

    /**
     * What to highlight in the body: the bigrams of the words and synonyms, and the phrases, on the body field
     * only; excluded clauses and filters mark nothing.
     */
    public Query highlight(ParsedQuery parsed) {
        BooleanQuery.Builder marks = new BooleanQuery.Builder();
        Set<String> terms = new LinkedHashSet<>();
        for (List<Clause> group : parsed.groups()) {
            for (Clause clause : group) {
                if (clause.excluded()) {
                    continue;
                }
                if (clause instanceof Words w) {
                    for (String text : textsOf(w.text())) {
                        terms.addAll(distinct(ChineseAnalysis.tokens(analysis.bigrams(), IndexFields.BODY, text)));
                    }
                } else if (clause instanceof Phrase p) {
                    List<Token> tokens = ChineseAnalysis.tokens(analysis.bigrams(), IndexFields.BODY, p.text());
                    if (!tokens.isEmpty()) {
                        marks.add(phraseOn(IndexFields.BODY, tokens), Occur.SHOULD);
                    }
                }
            }
        }
        terms.forEach(t -> marks.add(new TermQuery(new Term(IndexFields.BODY, t)), Occur.SHOULD));
        return marks.build();
    }

    private Query translate(ParsedQuery parsed, boolean scoring, Relaxation relaxation) {
        BooleanQuery.Builder top = new BooleanQuery.Builder();
        BooleanQuery.Builder most = new BooleanQuery.Builder();
        int mostCount = 0;
        int optional = 0;
        int soft = 0;
        boolean required = false;
        List<Integer> relaxable = relaxation.minimumWords() > 0 ? relaxable(parsed) : List.of();
        for (int i = 0; i < parsed.groups().size(); i++) {
            if (relaxation.dropped().contains(i)) {
                continue;
            }
            List<Clause> group = parsed.groups().get(i);
            if (group.size() == 1) {
                Clause clause = group.get(0);
                if (clause instanceof Words w && !w.excluded() && isSoft(w.text())) {
                    top.add(scoring && ranking.kindWeight() > 0 && isKind(w.text()) ? kind(w.text())
                            : clause(clause, scoring), Occur.SHOULD);
                    soft++;
                    continue;
                }
                if (relaxable.contains(i)) {
                    most.add(clause(clause, scoring), Occur.SHOULD);
                    mostCount++;
                    continue;
                }
                Occur occur = occur(clause);
                top.add(clause(clause, scoring), occur);
                optional += occur == Occur.SHOULD ? 1 : 0;
                required |= occur == Occur.MUST;
            } else {
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                boolean scored = false;
                for (Clause clause : group) {
                    any.add(clause(clause, scoring), Occur.SHOULD);
                    scored |= clause instanceof Words || clause instanceof Phrase;
                }
                top.add(any.build(), scored ? Occur.MUST : Occur.FILTER);
                required |= scored;
            }
        }
        if (mostCount > 0) {
            most.setMinimumNumberShouldMatch(Math.min(mostCount, relaxation.minimumWords()));
            top.add(most.build(), Occur.MUST);
            required = true;
        }
        if (optional > 0 || (soft > 0 && !required)) {
            // With a filter or a required clause beside them, optional clauses would stop being required at all;
            // soft words alone (a year, a document kind) must match one of them.
            top.setMinimumNumberShouldMatch(1);
        }
        return top.build();
    }

    private Occur occur(Clause clause) {
        if (clause.excluded()) {
            return Occur.MUST_NOT;
        }
        if (clause instanceof Words) {
            return ranking.everyWord() ? Occur.MUST : Occur.SHOULD;
        }
        return clause instanceof Phrase ? Occur.MUST : Occur.FILTER;
    }

    private Query clause(Clause clause, boolean scoring) {
        if (clause instanceof Words w) {
            // Excluding a word excludes the records containing it as typed, not those sharing one bigram with it.
            return w.excluded() ? phrase(w.text()) : scoring ? text(w.text()) : matchingText(w.text());
        }
        if (clause instanceof Phrase p) {
            return phrase(p.text());
        }
        if (clause instanceof Filter f) {
            return new TermQuery(new Term(filterField(f.field()), f.value()));
        }
        DateRange d = (DateRange) clause;
        return LongPoint.newRangeQuery(IndexFields.DATE,
                d.from() == null ? Long.MIN_VALUE : d.from().toEpochDay(),
                d.to() == null ? Long.MAX_VALUE : d.to().toEpochDay());
    }

    private static String filterField(String field) {
        return switch (field) {
            case "type" -> IndexFields.TYPE;
            case "unit" -> IndexFields.UNIT;
            case "domain" -> IndexFields.DOMAIN;
            case "status" -> IndexFields.STATUS;
            case "kind" -> IndexFields.KIND;
            case "number" -> IndexFields.NUMBER;
            case "instrument" -> IndexFields.INSTRUMENT;
            default -> throw new QueryInvalid("未知的字段 (unknown field '" + field + ":')", -1);
        };
    }

    /**
     * Free text: bigram and word fields, title boosted, the contiguous text boosted, synonyms at lower weight. One
     * flat disjunction of weighted terms and phrases, which scores exactly as the nested one (sums of sums) but
     * lets block-max WAND skip records that cannot reach the page: a nested disjunction's bound is the sum of all
     * its terms, so a common bigram inside one (人民, 关于) forced scoring every record that contains it.
     */
    public Query text(String raw) {
        String folded = ChineseNormalization.normalize(raw);
        Series series = series(ranking.stopwords() ? stopwords.strip(folded) : folded);
        String text = series.text();
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        textQuery(text, 1f, any);
        if (ranking.synonyms()) {
            for (LegalSynonyms.Alternative alternative : synonyms.weighted(text)) {
                textQuery(alternative.text(), ranking.synonymWeight() * alternative.weight(), any);
            }
        }
        if (series.number() == null) {
            return any.build();
        }
        // The number only ranks: the records matched are those the text matches, as matchingText counts them.
        BooleanQuery.Builder ranked = new BooleanQuery.Builder().add(any.build(), Occur.MUST);
        seriesNumber(series, ranked);
        return ranked.build();
    }

    /** The title clause of {@code series}'s number, when it has one: it counts as a phrase of the title does. */
    private void seriesNumber(Series series, BooleanQuery.Builder any) {
        if (series.number() != null) {
            List<Token> number = ChineseAnalysis.tokens(analysis.bigrams(), IndexFields.TITLE_BIGRAMS,
                    "（" + series.number() + "）");
            add(any, phraseOn(IndexFields.TITLE_BIGRAMS, number), ranking.phraseBoost() * ranking.titleBoost());
        }
    }

    /** The typed text (question words dropped) and its synonym expansions, as {@link #text} queries them. */
    private List<String> textsOf(String raw) {
        String folded = ChineseNormalization.normalize(raw);
        String text = series(ranking.stopwords() ? stopwords.strip(folded) : folded).text();
        List<String> texts = new ArrayList<>();
        texts.add(text);
        if (ranking.synonyms()) {
            texts.addAll(synonyms.alternatives(text));
        }
        return texts;
    }

    /** The records {@link #text} matches: any bigram or word of the text or an expansion, in any text field. */
    private Query matchingText(String raw) {
        Map<String, Set<BytesRef>> byField = new LinkedHashMap<>();
        for (String text : textsOf(raw)) {
            if (ranking.bigrams()) {
                Set<String> terms = distinct(ChineseAnalysis.tokens(analysis.bigrams(), IndexFields.BODY, text));
                addTerms(byField, IndexFields.BODY, terms);
                addTerms(byField, IndexFields.TITLE_BIGRAMS, terms);
            }
            if (ranking.words()) {
                addTerms(byField, IndexFields.TITLE_WORDS, distinct(words(text)));
            }
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        byField.values().removeIf(Set::isEmpty);
        if (!byField.isEmpty()) {
            any.add(new AnyTermQuery(byField), Occur.SHOULD);
        }
        if (ranking.words()) {
            // A word found in a body is a phrase of bigrams that are all among the text's: already matched, unless
            // the bigram clause is off or was cut at MAX_TERMS.
            Set<BytesRef> bodyTerms = byField.getOrDefault(IndexFields.BODY, Set.of());
            for (String text : textsOf(raw)) {
                for (List<Token> word : bodyWords(text)) {
                    if (!word.stream().allMatch(t -> bodyTerms.contains(new BytesRef(t.text())))) {
                        any.add(phraseOn(IndexFields.BODY, word), Occur.SHOULD);
                    }
                }
            }
        }
        return any.build();
    }

    private static void addTerms(Map<String, Set<BytesRef>> byField, String field, Set<String> terms) {
        Set<BytesRef> set = byField.computeIfAbsent(field, f -> new LinkedHashSet<>());
        terms.forEach(t -> set.add(new BytesRef(t)));
    }

    private void textQuery(String text, float weight, BooleanQuery.Builder any) {
        List<Token> bigrams = ChineseAnalysis.tokens(analysis.bigrams(), IndexFields.BODY, text);
        if (ranking.bigrams()) {
            Set<String> terms = distinct(bigrams);
            terms.forEach(t -> add(any, new TermQuery(new Term(IndexFields.BODY, t)), weight));
            terms.forEach(t -> add(any, new TermQuery(new Term(IndexFields.TITLE_BIGRAMS, t)),
                    weight * ranking.titleBoost()));
        }
        if (ranking.words()) {
            bodyWords(text).forEach(word -> add(any, phraseOn(IndexFields.BODY, word), weight * ranking.wordWeight()));
            distinct(words(text)).forEach(t -> add(any, new TermQuery(new Term(IndexFields.TITLE_WORDS, t)),
                    weight * ranking.wordWeight() * ranking.titleBoost()));
        }
        if (ranking.phraseBoost() > 0 && bigrams.size() >= 2 && bigrams.size() <= MAX_TERMS) {
            add(any, phraseOn(IndexFields.BODY, bigrams), weight * ranking.phraseBoost());
            add(any, phraseOn(IndexFields.TITLE_BIGRAMS, bigrams), weight * ranking.phraseBoost()
                    * ranking.titleBoost());
        }
    }

    private static void add(BooleanQuery.Builder any, Query query, float weight) {
        any.add(weight == 1f ? query : new BoostQuery(query, weight), Occur.SHOULD);
    }

    private List<Token> words(String text) {
        return ChineseAnalysis.tokens(analysis.words(), IndexFields.TITLE_WORDS, text);
    }

    /**
     * The distinct smartcn words of {@code text} as they are found in a body: each the bigram tokens of the word,
     * a phrase (a two-character word is one bigram term). Words of one character are left out: inside a body they
     * are parts of bigrams, and alone they say little.
     */
    private List<List<Token>> bodyWords(String text) {
        List<List<Token>> result = new ArrayList<>();
        for (String word : distinct(words(text))) {
            if (word.codePointCount(0, word.length()) < 2) {
                continue;
            }
            List<Token> tokens = ChineseAnalysis.tokens(analysis.bigrams(), IndexFields.BODY, word);
            if (!tokens.isEmpty() && tokens.size() <= MAX_TERMS) {
                result.add(tokens);
            }
        }
        return result;
    }

    /** The exact character sequence: a bigram phrase, which cannot span punctuation (see HanBigramTokenizer). */
    public Query phrase(String text) {
        List<Token> tokens = ChineseAnalysis.tokens(analysis.bigrams(), IndexFields.BODY, text);
        if (tokens.isEmpty()) {
            return new MatchNoDocsQuery("nothing searchable in " + text);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder()
                .add(phraseOn(IndexFields.BODY, tokens), Occur.SHOULD)
                .add(new BoostQuery(phraseOn(IndexFields.TITLE_BIGRAMS, tokens), ranking.titleBoost()), Occur.SHOULD);
        if (tokens.size() == 1 && tokens.get(0).text().codePointCount(0, tokens.get(0).text().length()) == 1) {
            // A lone character is indexed alone only between breaks; elsewhere it starts a bigram (or ends the last
            // one of a run, which this misses), and the title's word field holds it when smartcn sees it as a word.
            String character = tokens.get(0).text();
            any.add(new PrefixQuery(new Term(IndexFields.BODY, character)), Occur.SHOULD);
            any.add(new PrefixQuery(new Term(IndexFields.TITLE_BIGRAMS, character)), Occur.SHOULD);
            any.add(new TermQuery(new Term(IndexFields.TITLE_WORDS, character)), Occur.SHOULD);
        }
        return any.build();
    }

    private static Query phraseOn(String field, List<Token> tokens) {
        if (tokens.size() == 1) {
            return new TermQuery(new Term(field, tokens.get(0).text()));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        int first = tokens.get(0).position();
        for (Token token : tokens) {
            phrase.add(new Term(field, token.text()), token.position() - first);
        }
        return phrase.build();
    }

    private static Set<String> distinct(List<Token> tokens) {
        // Bounded so that a long pasted query stays far below Lucene's limit on clauses.
        Set<String> terms = new LinkedHashSet<>();
        for (Token token : tokens) {
            if (terms.size() == MAX_TERMS) {
                break;
            }
            terms.add(token.text());
        }
        return terms;
    }

    /** The analyzer of the bigram fields (for highlighting). */
    public Analyzer bigramAnalyzer() {
        return analysis.bigrams();
    }
}
