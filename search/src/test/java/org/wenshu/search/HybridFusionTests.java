package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.wenshu.search.query.Ranking.DenseScale;

/** The fused order of word hits (BM25 scores) and dense hits (Lucene's (1 + cosine) / 2) for each scale. */
class HybridFusionTests {

    static final float FLOOR = 0.3f;
    static final float WINDOW = 0.15f;

    /** A dense hit of {@code doc} at {@code cosine}. */
    static ScoreDoc dense(int doc, double cosine) {
        return new ScoreDoc(doc, (float) ((1 + cosine) / 2));
    }

    static ScoreDoc words(int doc, float bm25) {
        return new ScoreDoc(doc, bm25);
    }

    static List<Integer> order(ScoreDoc[] fused) {
        return Arrays.stream(fused).map(hit -> hit.doc).toList();
    }

    static float scoreOf(ScoreDoc[] fused, int doc) {
        return Arrays.stream(fused).filter(hit -> hit.doc == doc).findFirst().orElseThrow().score;
    }

    static ScoreDoc[] sum(ScoreDoc[] words, List<ScoreDoc> meaning, float weight, DenseScale scale) {
        return HybridFusion.fuse(words, meaning, weight, false, scale, FLOOR, WINDOW);
    }

    @Test
    void aRecordFoundByBothSidesCollectsBothShares() {
        ScoreDoc[] fused = sum(new ScoreDoc[] {words(1, 10f), words(2, 8f)}, List.of(dense(2, 0.6), dense(3, 0.55)),
                0.75f, DenseScale.WINDOW);
        assertThat(order(fused)).containsExactly(2, 1, 3);
        assertThat(scoreOf(fused, 2)).isCloseTo(0.8f + 0.75f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void withoutWordHitsTheDenseOrderStands() {
        ScoreDoc[] fused = sum(new ScoreDoc[0], List.of(dense(5, 0.6), dense(4, 0.5)), 1f, DenseScale.ABSOLUTE);
        assertThat(order(fused)).containsExactly(5, 4);
    }

    @Test
    void minMaxStretchesANearTieWhereWindowAndAbsoluteDoNot() {
        List<ScoreDoc> nearTie = List.of(dense(1, 0.520), dense(2, 0.519));
        ScoreDoc[] none = new ScoreDoc[0];
        assertThat(scoreOf(sum(none, nearTie, 1f, DenseScale.MIN_MAX), 2)).isEqualTo(0f);
        assertThat(scoreOf(sum(none, nearTie, 1f, DenseScale.WINDOW), 2)).isGreaterThan(0.99f);
        assertThat(scoreOf(sum(none, nearTie, 1f, DenseScale.ABSOLUTE), 2))
                .isGreaterThan(0.99f * scoreOf(sum(none, nearTie, 1f, DenseScale.ABSOLUTE), 1));
    }

    @Test
    void aLoneWeakDenseHitStaysWeakOnTheAbsoluteScaleOnly() {
        ScoreDoc[] bestWords = {words(7, 3f)};
        List<ScoreDoc> weak = List.of(dense(8, 0.32));
        assertThat(order(sum(bestWords, weak, 1.5f, DenseScale.ABSOLUTE))).containsExactly(7, 8);
        assertThat(scoreOf(sum(bestWords, weak, 1.5f, DenseScale.ABSOLUTE), 8))
                .isCloseTo(1.5f * 0.02f / (DenseScale.ANCHOR - FLOOR), org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(order(sum(bestWords, weak, 1.5f, DenseScale.MIN_MAX))).as("a lone hit is scaled to 1")
                .containsExactly(8, 7);
    }

    @Test
    void aDeeperPageDoesNotRescaleTheFirstHitsOnTheWindowScale() {
        List<ScoreDoc> page = List.of(dense(1, 0.60), dense(2, 0.55));
        List<ScoreDoc> deeper = List.of(dense(1, 0.60), dense(2, 0.55), dense(3, 0.46));
        ScoreDoc[] none = new ScoreDoc[0];
        for (DenseScale scale : List.of(DenseScale.WINDOW, DenseScale.ABSOLUTE)) {
            assertThat(scoreOf(sum(none, deeper, 1f, scale), 2)).as(scale.name())
                    .isEqualTo(scoreOf(sum(none, page, 1f, scale), 2));
        }
        assertThat(scoreOf(sum(none, deeper, 1f, DenseScale.MIN_MAX), 2)).as("min-max moves with the last hit")
                .isNotEqualTo(scoreOf(sum(none, page, 1f, DenseScale.MIN_MAX), 2));
    }

    @Test
    void reciprocalRankIgnoresScoresAndTiesGoToTheLowerDocument() {
        ScoreDoc[] fused = HybridFusion.fuse(new ScoreDoc[] {words(9, 100f), words(4, 1f)},
                List.of(dense(4, 0.9), dense(9, 0.31)), 1f, true, DenseScale.MIN_MAX, FLOOR, WINDOW);
        assertThat(order(fused)).containsExactly(4, 9);
    }

    @Test
    void wordsDividedByMoreThanTheBestHitWeighLessAndADivisorBelowTheBestChangesNothing() {
        ScoreDoc[] words = {words(1, 4f), words(2, 2f)};
        List<ScoreDoc> meaning = List.of(dense(3, 0.6), dense(1, 0.55));
        ScoreDoc[] byBest = HybridFusion.fuse(words, meaning, 1.5f, false, DenseScale.WINDOW, FLOOR, WINDOW, 0f);
        ScoreDoc[] belowBest = HybridFusion.fuse(words, meaning, 1.5f, false, DenseScale.WINDOW, FLOOR, WINDOW, 3f);
        // Divided by 10 (the share of an attainable score far above the best hit's 4), the words count 0.4 and 0.2.
        ScoreDoc[] partial = HybridFusion.fuse(words, meaning, 1.5f, false, DenseScale.WINDOW, FLOOR, WINDOW, 10f);

        assertThat(order(byBest)).containsExactly(1, 3, 2);
        assertThat(order(belowBest)).containsExactly(1, 3, 2);
        assertThat(scoreOf(belowBest, 1)).isEqualTo(scoreOf(byBest, 1));
        assertThat(order(partial)).containsExactly(3, 1, 2);
        assertThat(scoreOf(partial, 2)).isCloseTo(0.2f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(scoreOf(partial, 1)).isCloseTo(0.4f + 1.5f * (0.55f - 0.45f) / 0.15f,
                org.assertj.core.data.Offset.offset(1e-3f));
    }
}
