package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/** The attainable score of a word query: Lucene's bound, at or above every record's score, over several segments. */
class AttainableScoreTests {

    static Query any(String... words) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String word : words) {
            query.add(new TermQuery(new Term("body", word)), Occur.SHOULD);
        }
        return query.build();
    }

    @Test
    void boundsEveryRecordsScoreAndGrowsWithTheWordsAQueryCouldMatch() throws IOException {
        try (Directory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
                String[][] segments = {
                    {"alpha beta gamma", "alpha", "beta beta beta", "delta"},
                    {"gamma gamma alpha", "epsilon beta", "alpha alpha alpha alpha beta"},
                };
                for (String[] segment : segments) {
                    for (String text : segment) {
                        Document doc = new Document();
                        doc.add(new TextField("body", text, Field.Store.NO));
                        writer.addDocument(doc);
                    }
                    writer.commit(); // one segment each
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertThat(reader.leaves()).hasSize(2);
                IndexSearcher searcher = new IndexSearcher(reader);
                Query three = any("alpha", "beta", "gamma");

                float attainable = LuceneRecordIndex.attainable(searcher, three);

                ScoreDoc[] hits = searcher.search(three, 10).scoreDocs;
                assertThat(hits).hasSize(6);
                for (ScoreDoc hit : hits) {
                    assertThat(hit.score).isLessThanOrEqualTo(attainable);
                }
                // The record "alpha" (document 1) matches one of the three words: well under what the query could
                // score.
                float oneWord = Arrays.stream(hits).filter(hit -> hit.doc == 1).findFirst().orElseThrow().score;
                assertThat(LuceneRecordIndex.attainable(searcher, any("alpha"))).isLessThan(attainable);
                assertThat(oneWord).isLessThan(0.5f * attainable);
                assertThat(LuceneRecordIndex.attainable(searcher, any("zeta"))).isZero();
            }
        }
    }
}
