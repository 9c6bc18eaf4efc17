package org.wenshu.search;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.wenshu.search.analysis.IndexFields;

/** Maps records to Lucene documents and back, and viewers to access filters. */
final class RecordDocuments {

    /** Facet dimensions, in the order they are reported. */
    static final String[] DIMENSIONS = {"kind", "type", "unit", "domain", "year", "status"};

    private static final FieldType BODY_TYPE = new FieldType();

    static {
        // Offsets in the postings let the highlighter mark matches without re-analysing whole documents.
        BODY_TYPE.setTokenized(true);
        BODY_TYPE.setStored(true);
        BODY_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        BODY_TYPE.freeze();
    }

    private RecordDocuments() {
    }

    /** The record's own document, its vectors {@code pending} or {@code done}. */
    static Document toDocument(IndexedRecord record, boolean vectorsDone) {
        Document doc = toDocument(record);
        doc.removeFields(IndexFields.VECTORS);
        doc.add(new StringField(IndexFields.VECTORS, vectorsDone ? IndexFields.VECTORS_DONE
                : IndexFields.VECTORS_PENDING, Field.Store.NO));
        return doc;
    }

    /** The documents of one passage vector: the block term and the vector, nothing a text query could match. */
    static Document passage(String recordId, float[] vector) {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.BLOCK, recordId, Field.Store.NO));
        doc.add(new KnnFloatVectorField(IndexFields.PASSAGE_VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    /** Only records' own documents (not their passages). */
    static Query records() {
        return term(IndexFields.DOC, IndexFields.RECORD);
    }

    static Document toDocument(IndexedRecord record) {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.ID, record.id(), Field.Store.YES));
        doc.add(new StringField(IndexFields.BLOCK, record.id(), Field.Store.NO));
        doc.add(new StringField(IndexFields.DOC, IndexFields.RECORD, Field.Store.NO));
        doc.add(new StringField(IndexFields.VECTORS, IndexFields.VECTORS_PENDING, Field.Store.NO));
        keyword(doc, IndexFields.KIND, "kind", record.kind().name());
        keyword(doc, IndexFields.TYPE, "type", record.type());
        keyword(doc, IndexFields.DOMAIN, "domain", record.domain());
        keyword(doc, IndexFields.STATUS, "status", record.status());
        if (!record.number().isEmpty()) {
            doc.add(new StringField(IndexFields.NUMBER, record.number(), Field.Store.YES));
        }
        doc.add(new StoredField(IndexFields.TITLE, record.title()));
        // The document number is searchable as text too: people paste numbers into the search box.
        String titleText = record.number().isEmpty() ? record.title() : record.title() + "\n\n" + record.number();
        doc.add(new TextField(IndexFields.TITLE_BIGRAMS, titleText, Field.Store.NO));
        doc.add(new TextField(IndexFields.TITLE_WORDS, titleText, Field.Store.NO));
        doc.add(new Field(IndexFields.BODY, record.body(), BODY_TYPE));
        if (!record.issuingUnit().isEmpty()) {
            doc.add(new StoredField(IndexFields.ISSUING_UNIT, record.issuingUnit()));
        }
        record.recipientUnits().forEach(u -> doc.add(new StoredField(IndexFields.RECIPIENT_UNITS, u)));
        Set<String> units = new LinkedHashSet<>();
        if (!record.issuingUnit().isEmpty()) {
            units.add(record.issuingUnit());
        }
        record.recipientUnits().stream().filter(u -> !u.isBlank()).forEach(units::add);
        for (String unit : units) {
            doc.add(new StringField(IndexFields.UNIT, unit, Field.Store.NO));
            facet(doc, "unit", unit);
        }
        record.date().ifPresent(date -> {
            long day = date.toEpochDay();
            doc.add(new LongPoint(IndexFields.DATE, day));
            doc.add(new NumericDocValuesField(IndexFields.DATE, day));
            doc.add(new StoredField(IndexFields.DATE, day));
            keyword(doc, IndexFields.YEAR, "year", Integer.toString(date.getYear()));
        });
        record.dueDate().ifPresent(date -> doc.add(new StoredField(IndexFields.DUE_DATE, date.toEpochDay())));
        if (!record.instrumentId().isEmpty()) {
            doc.add(new StringField(IndexFields.INSTRUMENT, record.instrumentId(), Field.Store.YES));
        }
        if (!record.source().isEmpty()) {
            doc.add(new StringField(IndexFields.SOURCE, record.source(), Field.Store.YES));
        }
        for (String token : accessTokens(record.access())) {
            doc.add(new StringField(IndexFields.ACCESS, token, Field.Store.NO));
            doc.add(new StoredField(IndexFields.ACCESS_STORED, token));
        }
        return doc;
    }

    /** The record a document of {@link #toDocument} was made from (all its stored fields must have been read). */
    static IndexedRecord toRecord(Document doc) {
        IndexedRecord.Builder record = IndexedRecord.builder(doc.get(IndexFields.ID),
                RecordKind.valueOf(doc.get(IndexFields.KIND)))
                .type(doc.get(IndexFields.TYPE)).number(doc.get(IndexFields.NUMBER)).title(doc.get(IndexFields.TITLE))
                .body(doc.get(IndexFields.BODY)).issuingUnit(doc.get(IndexFields.ISSUING_UNIT))
                .recipientUnits(List.of(doc.getValues(IndexFields.RECIPIENT_UNITS)))
                .domain(doc.get(IndexFields.DOMAIN)).status(doc.get(IndexFields.STATUS))
                .instrumentId(doc.get(IndexFields.INSTRUMENT)).source(doc.get(IndexFields.SOURCE));
        IndexableField date = doc.getField(IndexFields.DATE);
        if (date != null) {
            record.date(LocalDate.ofEpochDay(date.numericValue().longValue()));
        }
        IndexableField due = doc.getField(IndexFields.DUE_DATE);
        if (due != null) {
            record.dueDate(LocalDate.ofEpochDay(due.numericValue().longValue()));
        }
        Access.Visibility visibility = Access.Visibility.PUBLIC;
        Set<String> units = new LinkedHashSet<>();
        for (String token : doc.getValues(IndexFields.ACCESS_STORED)) {
            if (token.startsWith("unit:")) {
                units.add(token.substring("unit:".length()));
            } else {
                visibility = Access.Visibility.valueOf(token);
            }
        }
        return record.access(new Access(visibility, units)).build();
    }

    private static void keyword(Document doc, String field, String dimension, String value) {
        if (value.isEmpty()) {
            return;
        }
        doc.add(new StringField(field, value, Field.Store.YES));
        facet(doc, dimension, value);
    }

    /**
     * Every dimension in one doc-values field ({@code dimension␟value}, the facet module's layout): counting reads
     * one field per matching record instead of one per dimension.
     */
    private static void facet(Document doc, String dimension, String value) {
        doc.add(new SortedSetDocValuesField(IndexFields.FACETS,
                new BytesRef(FacetsConfig.pathToString(dimension, new String[] {value}))));
    }

    static Set<String> accessTokens(Access access) {
        Set<String> tokens = new LinkedHashSet<>();
        tokens.add(access.visibility().name());
        access.units().forEach(u -> tokens.add("unit:" + u));
        return tokens;
    }

    /** What {@code viewer} may see, as a filter: applied inside every query so counts and facets cannot leak. */
    static Query accessFilter(Viewer viewer) {
        if (viewer.seesEverything()) {
            // Records only: passage documents carry no access tokens and must never count as hits.
            return records();
        }
        BooleanQuery.Builder visible = new BooleanQuery.Builder()
                .add(term(IndexFields.ACCESS, Access.Visibility.PUBLIC.name()), Occur.SHOULD);
        if (viewer.isResearcher()) {
            visible.add(term(IndexFields.ACCESS, Access.Visibility.INTERNAL.name()), Occur.SHOULD);
        }
        viewer.unit().ifPresent(unit -> visible.add(term(IndexFields.ACCESS, "unit:" + unit), Occur.SHOULD));
        return visible.build();
    }

    static Query term(String field, String value) {
        return new TermQuery(new Term(field, value));
    }

    static Hit toHit(Document doc, float score, Snippet snippet) {
        IndexableField date = doc.getField(IndexFields.DATE);
        return new Hit(doc.get(IndexFields.ID), RecordKind.valueOf(doc.get(IndexFields.KIND)),
                orEmpty(doc.get(IndexFields.TYPE)), orEmpty(doc.get(IndexFields.TITLE)),
                orEmpty(doc.get(IndexFields.NUMBER)), orEmpty(doc.get(IndexFields.SOURCE)),
                orEmpty(doc.get(IndexFields.ISSUING_UNIT)), orEmpty(doc.get(IndexFields.DOMAIN)),
                orEmpty(doc.get(IndexFields.STATUS)),
                date == null ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(date.numericValue().longValue())),
                orEmpty(doc.get(IndexFields.INSTRUMENT)), score, snippet);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
