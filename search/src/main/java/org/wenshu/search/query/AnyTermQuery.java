package org.wenshu.search.query;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Records containing any of a set of terms in any of several fields, unscored: the postings of every term are
 * read into one bit set per segment. For counting and facets over the matches of free text, where a disjunction
 * of term queries (one per bigram and field) would merge dozens of postings through a priority queue per record.
 */
final class AnyTermQuery extends Query {

    private final Map<String, Set<BytesRef>> terms;

    AnyTermQuery(Map<String, Set<BytesRef>> terms) {
        Map<String, Set<BytesRef>> copy = new LinkedHashMap<>();
        terms.forEach((field, values) -> copy.put(field, Set.copyOf(new LinkedHashSet<>(values))));
        this.terms = Map.copyOf(copy);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                FixedBitSet bits = null;
                PostingsEnum postings = null;
                for (Map.Entry<String, Set<BytesRef>> field : terms.entrySet()) {
                    Terms indexed = context.reader().terms(field.getKey());
                    if (indexed == null) {
                        continue;
                    }
                    TermsEnum termsEnum = indexed.iterator();
                    for (BytesRef term : field.getValue()) {
                        if (termsEnum.seekExact(term)) {
                            postings = termsEnum.postings(postings, PostingsEnum.NONE);
                            if (bits == null) {
                                bits = new FixedBitSet(context.reader().maxDoc());
                            }
                            bits.or(postings);
                        }
                    }
                }
                if (bits == null) {
                    return null;
                }
                return new ConstantScoreScorer(this, score(), scoreMode,
                        new BitSetIterator(bits, bits.cardinality()));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return true;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        terms.keySet().forEach(field -> {
            if (visitor.acceptField(field)) {
                visitor.visitLeaf(this);
            }
        });
    }

    @Override
    public String toString(String field) {
        return "any" + terms;
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && terms.equals(((AnyTermQuery) other).terms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), terms);
    }
}
