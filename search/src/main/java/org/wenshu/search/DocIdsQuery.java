package org.wenshu.search;

import java.io.IOException;
import java.util.Arrays;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Matches the given top-level document ids of one reader: the records the dense side found, counted and faceted
 * beside the word matches without reading their stored ids. Valid only for the searcher the ids came from.
 */
final class DocIdsQuery extends Query {

    private final int[] docs;

    DocIdsQuery(int[] docs) {
        this.docs = docs.clone();
        Arrays.sort(this.docs);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                int from = lowerBound(context.docBase);
                int to = lowerBound(context.docBase + context.reader().maxDoc());
                if (from == to) {
                    return null;
                }
                int[] local = new int[to - from];
                for (int i = from; i < to; i++) {
                    local[i - from] = docs[i] - context.docBase;
                }
                return new ConstantScoreScorer(this, score(), scoreMode, new ArrayIterator(local));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false;
            }
        };
    }

    private int lowerBound(int doc) {
        int i = Arrays.binarySearch(docs, doc);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && docs[i - 1] == doc) {
            i--;
        }
        return i;
    }

    @Override
    public String toString(String field) {
        return "DocIdsQuery(" + docs.length + " docs)";
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DocIdsQuery q && Arrays.equals(q.docs, docs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(docs);
    }

    /** Iterates a sorted array of distinct document ids. */
    private static final class ArrayIterator extends DocIdSetIterator {

        private final int[] docs;
        private int index = -1;
        private int doc = -1;

        ArrayIterator(int[] docs) {
            this.docs = Arrays.stream(docs).distinct().toArray();
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public int nextDoc() {
            index++;
            doc = index < docs.length ? docs[index] : NO_MORE_DOCS;
            return doc;
        }

        @Override
        public int advance(int target) {
            while (doc < target) {
                nextDoc();
            }
            return doc;
        }

        @Override
        public long cost() {
            return docs.length;
        }
    }
}
