package org.wenshu.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.search.join.ToChildBlockJoinQuery;
import org.apache.lucene.util.BitSet;
import org.wenshu.search.analysis.IndexFields;
import org.wenshu.search.semantic.SentenceEmbedder;

/**
 * The dense side of a search (语义检索): the query's vector against the passage vectors of the records, each record
 * scored by its best passage ({@link DiversifyingChildrenFloatKnnVectorQuery} over the HNSW graph). What the
 * record must satisfy (access, field filters, quoted phrases, exclusions) is a filter on the records, joined down to
 * their passages, so the graph search only visits passages of records the viewer may see and that meet the
 * query's conditions: a dense hit can never leak a record the word side would have hidden.
 */
final class DenseRetrieval {

    /** The record documents: each passage's record is the next of them in its block. */
    private final BitSetProducer records = new QueryBitSetProducer(RecordDocuments.records());
    private final SentenceEmbedder embedder;
    private final Map<String, float[]> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > RECENT_QUERIES;
        }
    };
    private static final int RECENT_QUERIES = 512;

    DenseRetrieval(SentenceEmbedder embedder) {
        this.embedder = embedder;
    }

    /**
     * The query vector of {@code text}, with the model's retrieval instruction or, without, as a passage's. The last few hundred are kept:
     * paging, re-sorting and refining a search ask for the same text again, and the model costs milliseconds.
     */
    float[] embedQuery(String text, boolean instruction) {
        String key = (instruction ? "q:" : "p:") + text;
        synchronized (recent) {
            float[] known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        float[] vector = instruction ? embedder.embedQuery(text) : embedder.embedPassage(text);
        synchronized (recent) {
            recent.put(key, vector);
        }
        return vector;
    }

    /**
     * The {@code k} records nearest to {@code vector} among those matching {@code recordFilter}, best first, as
     * record document ids with their similarity ((1 + cosine) / 2), keeping those whose cosine is at least
     * {@code floor} and at most {@code window} below the best record's.
     */
    List<ScoreDoc> search(IndexSearcher searcher, float[] vector, Query recordFilter, int k, double floor,
            double window) throws IOException {
        Query eligible = new BooleanQuery.Builder()
                .add(recordFilter, Occur.FILTER)
                .add(RecordDocuments.records(), Occur.FILTER)
                .add(RecordDocuments.term(IndexFields.VECTORS, IndexFields.VECTORS_DONE), Occur.FILTER)
                .build();
        Query passages = new ToChildBlockJoinQuery(eligible, records);
        Query nearest = new DiversifyingChildrenFloatKnnVectorQuery(IndexFields.PASSAGE_VECTOR, vector, passages, k,
                records);
        TopDocs top = searcher.search(nearest, k);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Map<Integer, Float> best = new LinkedHashMap<>();
        for (ScoreDoc hit : top.scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            BitSet parents = records.getBitSet(leaf);
            if (parents == null) {
                continue;
            }
            int record = parents.nextSetBit(hit.doc - leaf.docBase);
            if (record == org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                continue;
            }
            best.merge(leaf.docBase + record, hit.score, Math::max);
        }
        List<ScoreDoc> result = new ArrayList<>();
        best.forEach((doc, score) -> result.add(new ScoreDoc(doc, score)));
        result.sort((a, b) -> Float.compare(b.score, a.score));
        if (result.isEmpty()) {
            return result;
        }
        // Nearest is not near: a small index returns all its records, most unrelated. Keep the records whose best
        // passage is close to the best record's and not far from the query at all (cosine from Lucene's
        // (1 + cosine) / 2). With bge-small-zh and its query instruction, passages that answer a query score a
        // cosine of about 0.45-0.65 and unrelated ones 0.1-0.3.
        double bestCosine = 2 * result.get(0).score - 1;
        double cutoff = Math.max(floor, bestCosine - window);
        result.removeIf(hit -> 2 * hit.score - 1 < cutoff);
        return result;
    }
}
