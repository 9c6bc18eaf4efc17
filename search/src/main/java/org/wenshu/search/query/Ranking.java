package org.wenshu.search.query;

/**
 * How free text is turned into a ranked query: which analyses are queried, field weights, phrase and synonym
 * boosts, and the BM25 parameters. {@link #standard()} is what the relevance evaluation (RELEVANCE.md) selected.
 *
 * @param bigrams         query the CJK bigram fields
 * @param words           query the smartcn word fields
 * @param wordWeight      weight of the word fields relative to the bigram fields
 * @param titleBoost      weight of a title match relative to a body match
 * @param phraseBoost     weight of the whole query text occurring as a contiguous phrase (0 = off)
 * @param synonyms        expand the query with {@code LegalSynonyms}
 * @param synonymWeight   weight of an expansion relative to the words typed
 * @param stopwords       drop question words (怎么, 如何, …) from the query
 * @param everyWord       space-separated words must all match (else any may)
 * @param k1              BM25 term-frequency saturation
 * @param b               BM25 length normalisation
 * @param semanticWeight  weight of the dense (meaning) side in the fusion; 0 = words only
 * @param reciprocalRank  fuse by reciprocal rank (else by a weighted sum of normalised scores)
 * @param denseFloor      cosine below which a record found by meaning is not taken into the fusion
 * @param denseWindow     a record found by meaning whose best passage's cosine is further than this below the best
 *                        record's is not taken into the fusion
 * @param queryInstruction embed the query with the model's retrieval instruction (else as a passage is embedded)
 * @param questionFactor  factor on {@code semanticWeight} for a query asked as a question or told in the first person
 *                        ({@link QueryTranslator#isQuestion}): its words are a citizen's, rarely the text's, so its
 *                        meaning counts for more (1 = as any query)
 * @param denseScale      how the weighted sum puts the dense side's cosines on [0, 1]
 * @param wordsBound      in a weighted sum, for a query asked as a question or told in the first person, the word
 *                        side's scores are divided by the larger of the best word hit's score and this share of the
 *                        query's attainable score (Lucene's upper bound of its score over the index, from the
 *                        postings' impacts): a best hit that matches a few of a citizen's words only then counts for
 *                        less than a full match would. Other queries, and 0, divide by the best hit's score alone
 * @param relaxBelow      for a search by relevance: when the plain words as typed, all required, match fewer records
 *                        the viewer may see than this (but some), and there are two or more, the search is widened to
 *                        the records matching all but one of them (1 = only a search that finds nothing is relaxed, as
 *                        it always is). From 1 to {@value #MAX_RELAX_BELOW}
 * @param newestVersionsFirst in a search by relevance whose words name no year, the versions of one reference text
 *                        (records of kind REFERENCE with the same title) among the first
 *                        {@value #VERSION_WINDOW} hits take the places those versions hold, newest first; in
 *                        one whose words name a year, the versions of that year take the first of those places
 *                        (when none is of that year they stay in rank order). A trial edition (试行, 暂行) is a
 *                        version of the text that replaced it; a record the query names in full keeps its place
 * @param exactTitleFirst in a search by relevance whose plain words, run together, are a record's whole title (folded,
 *                        without the 中华人民共和国 of a national law's title, spaces and book-title marks; also after
 *                        a leading 新 or 最新, which asks for the law as last revised), such
 *                        records among the first {@value #VERSION_WINDOW} hits come first, in their order: a user who
 *                        types a law's full name is after that law, not the regulation that implements it
 * @param kindWeight      the score a word that only names a kind of document (规定, 解释, 司法解释…) adds to a record
 *                        whose title names that kind (司法解释: any of the forms a judicial interpretation takes), and
 *                        half of it to one whose title names another kind; constant, so a title that happens to print
 *                        the word typed (…等二十九件商事类司法解释的决定) gains no more than the texts of that kind.
 *                        0 = the word ranks as any other word does
 * @param seriesNumbers   a word that ends in a kind of document followed by a number (公司法解释三, 刑法修正案11,
 *                        婚姻法司法解释（一）) asks for that number of a series, which titles print as （三）, （十一）:
 *                        the number is looked for in titles (as a title phrase scores), not as part of the word,
 *                        and in a search by relevance the best-ranked record whose title prints it among the first
 *                        {@value #VERSION_WINDOW} hits comes first (after a record whose whole title the query is)
 */
public record Ranking(boolean bigrams, boolean words, float wordWeight, float titleBoost, float phraseBoost,
        boolean synonyms, float synonymWeight, boolean stopwords, boolean everyWord, float k1, float b,
        float semanticWeight, boolean reciprocalRank, float denseFloor, float denseWindow,
        boolean queryInstruction, float questionFactor, DenseScale denseScale, float wordsBound, int relaxBelow,
        boolean newestVersionsFirst, boolean exactTitleFirst, float kindWeight, boolean seriesNumbers) {

    /**
     * How the weighted sum scales the dense side's cosines to [0, 1] (the word side's scores are divided by the best,
     * or for a question as {@code wordsBound} says).
     */
    public enum DenseScale {
        /** Min-max over the dense hits taken: the best 1, the worst 0, however close their cosines. */
        MIN_MAX,
        /**
         * Within the window: 1 at the best hit's cosine, 0 at {@code denseWindow} below it. A deeper page, which
         * takes more hits, does not change the scale of the first ones.
         */
        WINDOW,
        /**
         * Absolute: 0 at {@code denseFloor}, 1 at {@link #ANCHOR} and above; a lone weak hit stays weak. bge-small-zh
         * with its query instruction gives passages that answer a query cosines of about 0.45–0.65.
         */
        ABSOLUTE;

        /** The cosine that {@link #ABSOLUTE} scales to 1. */
        public static final float ANCHOR = 0.65f;
    }

    /** The largest {@link #relaxBelow()}: the word hits a search takes into the fusion, so every page decides alike. */
    public static final int MAX_RELAX_BELOW = 50;

    /**
     * @throws IllegalArgumentException when {@code relaxBelow} is outside 1–{@value #MAX_RELAX_BELOW}, or
     *                                  {@code kindWeight} is negative, infinite or NaN
     */
    public Ranking {
        if (relaxBelow < 1 || relaxBelow > MAX_RELAX_BELOW) {
            throw new IllegalArgumentException("relaxBelow must be 1-" + MAX_RELAX_BELOW + ": " + relaxBelow);
        }
        if (!(kindWeight >= 0 && kindWeight < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("kindWeight must be finite and not negative: " + kindWeight);
        }
    }

    /** How many of the first hits {@link #newestVersionsFirst()} reorders. */
    public static final int VERSION_WINDOW = 20;

    /** The cosine floor of the dense side unless a ranking says otherwise. */
    public static final float DENSE_FLOOR = 0.3f;
    /** How far below the best dense hit's cosine a dense hit may be, unless a ranking says otherwise. */
    public static final float DENSE_WINDOW = 0.15f;

    /**
     * The tuned default: words and meaning fused by a weighted sum of normalised scores, the dense side at 0.75 (1.5
     * for a question) scaled within its window, a question's words divided by at least 0.4 of their attainable
     * score (RELEVANCE.md, "Fusion chosen on two sets, checked on a third" and "Two more unseen sets; a question's
     * words weighed by what they could score"), and a search whose words together match fewer than five records
     * widened to those matching all but one, the versions of one text newest first ("Few records with every word:
     * widened to all but one"), and a query that is a record's whole title putting that record first (the ninth
     * session's section).
     */
    public static Ranking standard() {
        return new Ranking(true, true, 0.5f, 1.5f, 3.0f, true, 0.5f, true, true, 1.2f, 0.5f, 0.75f, false, DENSE_FLOOR,
                DENSE_WINDOW, true, 2f, DenseScale.WINDOW, 0.4f, 5, true, true, 4f, true);
    }

    /** As the other constructor, words only. */
    public Ranking(boolean bigrams, boolean words, float wordWeight, float titleBoost, float phraseBoost,
            boolean synonyms, float synonymWeight, boolean stopwords, boolean everyWord, float k1, float b) {
        this(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords, everyWord, k1, b,
                0f, true, DENSE_FLOOR, DENSE_WINDOW, true, 1f, DenseScale.MIN_MAX, 0f, 1, false, false, 0f, false);
    }

    /** This ranking with the dense side at {@code weight} (0 = words only), fused by RRF or weighted sum. */
    public Ranking withSemantic(float weight, boolean byReciprocalRank) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, weight, byReciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    /**
     * This ranking taking into the fusion only dense hits with a cosine of at least {@code floor} and at most
     * {@code window} below the best dense hit's (cosines in [-1, 1]; a window of 2 keeps every hit above the floor).
     */
    public Ranking withDenseCutoff(float floor, float window) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, floor, window, queryInstruction, questionFactor,
                denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    /** This ranking embedding queries with the model's retrieval instruction ({@code true}) or without it. */
    public Ranking withQueryInstruction(boolean value) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, value, questionFactor,
                denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    /** This ranking with the dense side's weight multiplied by {@code factor} for questions (1 = no difference). */
    public Ranking withQuestionFactor(float factor) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction, factor,
                denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    /**
     * This ranking dividing a question's word scores in a weighted sum by the larger of the best hit's and {@code share}
     * of the query's attainable score (0 = by the best hit's alone).
     */
    public Ranking withWordsBound(float share) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, share, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    /** This ranking scaling the dense side's cosines by {@code scale} in a weighted sum. */
    public Ranking withDenseScale(DenseScale scale) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, scale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    public Ranking withBigrams(boolean value) {
        return new Ranking(value, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    public Ranking withWords(boolean value, float weight) {
        return new Ranking(bigrams, value, weight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    public Ranking withTitleBoost(float value) {
        return new Ranking(bigrams, words, wordWeight, value, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    public Ranking withPhraseBoost(float value) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, value, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    public Ranking withSynonyms(boolean value, float weight) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, value, weight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    public Ranking withStopwords(boolean value) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, value,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    public Ranking withEveryWord(boolean value) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                value, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    public Ranking withBm25(float newK1, float newB) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, newK1, newB, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    /**
     * This ranking widening a search whose words together match fewer than {@code records} records (1 = only one that
     * finds nothing); see {@code relaxBelow}.
     *
     * @throws IllegalArgumentException when {@code records} is outside 1–{@value #MAX_RELAX_BELOW}
     */
    public Ranking withRelaxBelow(int records) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, records, newestVersionsFirst, exactTitleFirst, kindWeight, seriesNumbers);
    }

    /** This ranking reading a series number after a kind of document, or not; see {@code seriesNumbers}. */
    public Ranking withSeriesNumbers(boolean value) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, kindWeight,
                value);
    }

    /** This ranking scoring a word that names a kind of document at {@code weight}; see {@code kindWeight}. */
    public Ranking withKindWeight(float weight) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, exactTitleFirst, weight, seriesNumbers);
    }

    /** This ranking putting records whose whole title the query is first, or not; see {@code exactTitleFirst}. */
    public Ranking withExactTitleFirst(boolean value) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, newestVersionsFirst, value, kindWeight, seriesNumbers);
    }

    /** This ranking listing the versions of one reference text newest first, or not; see {@code newestVersionsFirst}. */
    public Ranking withNewestVersionsFirst(boolean value) {
        return new Ranking(bigrams, words, wordWeight, titleBoost, phraseBoost, synonyms, synonymWeight, stopwords,
                everyWord, k1, b, semanticWeight, reciprocalRank, denseFloor, denseWindow, queryInstruction,
                questionFactor, denseScale, wordsBound, relaxBelow, value, exactTitleFirst, kindWeight, seriesNumbers);
    }
}
