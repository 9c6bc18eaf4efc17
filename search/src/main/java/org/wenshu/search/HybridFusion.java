package org.wenshu.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.search.ScoreDoc;
import org.wenshu.search.query.Ranking.DenseScale;

/**
 * Fuses the ranked word hits (BM25) with the ranked meaning hits (dense) into one list (混合排序), by reciprocal
 * rank fusion (Cormack, Clarke and Büttcher 2009: {@code Σ weight / (60 + rank)}) or by a weighted sum of scores
 * normalised to [0, 1] (word scores divided by the best one, dense cosines as {@link DenseScale} says).
 */
final class HybridFusion {

    /** The RRF constant of the original paper; it damps the head of each list. */
    static final int RRF_K = 60;

    private HybridFusion() {
    }

    /**
     * The union of {@code words} and {@code meaning}, best first; {@code weight} is the dense side's. The dense hits'
     * scores are Lucene's {@code (1 + cosine) / 2}; in a weighted sum they are scaled by {@code scale} with the
     * dense side's {@code floor} and {@code window} (cosines). Ties go to the lower document id.
     */
    static ScoreDoc[] fuse(ScoreDoc[] words, List<ScoreDoc> meaning, float weight, boolean reciprocalRank,
            DenseScale scale, float floor, float window) {
        return fuse(words, meaning, weight, reciprocalRank, scale, floor, window, 0f);
    }

    /**
     * As {@link #fuse(ScoreDoc[], List, float, boolean, DenseScale, float, float)}, the word scores in a weighted sum
     * divided by the larger of the best one and {@code wordsDivisor} (a BM25 score; 0 = by the best alone), so that
     * word hits far below what the query could score weigh less than the dense side's.
     */
    static ScoreDoc[] fuse(ScoreDoc[] words, List<ScoreDoc> meaning, float weight, boolean reciprocalRank,
            DenseScale scale, float floor, float window, float wordsDivisor) {
        Map<Integer, Float> fused = new HashMap<>();
        if (reciprocalRank) {
            for (int i = 0; i < words.length; i++) {
                fused.merge(words[i].doc, 1f / (RRF_K + i + 1), Float::sum);
            }
            for (int i = 0; i < meaning.size(); i++) {
                fused.merge(meaning.get(i).doc, weight / (RRF_K + i + 1), Float::sum);
            }
        } else {
            float best = 0;
            for (ScoreDoc hit : words) {
                best = Math.max(best, hit.score);
            }
            best = Math.max(best, wordsDivisor);
            for (ScoreDoc hit : words) {
                fused.merge(hit.doc, best > 0 ? hit.score / best : 0f, Float::sum);
            }
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (ScoreDoc hit : meaning) {
                min = Math.min(min, cosine(hit));
                max = Math.max(max, cosine(hit));
            }
            for (ScoreDoc hit : meaning) {
                float cosine = cosine(hit);
                float scaled = switch (scale) {
                    case MIN_MAX -> max > min ? (cosine - min) / (max - min) : 1f;
                    case WINDOW -> clamp((cosine - (max - window)) / window);
                    case ABSOLUTE -> clamp((cosine - floor) / (DenseScale.ANCHOR - floor));
                };
                fused.merge(hit.doc, weight * scaled, Float::sum);
            }
        }
        List<ScoreDoc> list = new ArrayList<>(fused.size());
        fused.forEach((doc, score) -> list.add(new ScoreDoc(doc, score)));
        list.sort((a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return list.toArray(new ScoreDoc[0]);
    }

    /** The cosine of a dense hit scored {@code (1 + cosine) / 2}. */
    private static float cosine(ScoreDoc hit) {
        return 2 * hit.score - 1;
    }

    private static float clamp(float value) {
        return Math.max(0f, Math.min(1f, value));
    }
}
