package org.wenshu.search.analysis;

/** Field names of the search index and the schema version that changes whenever fields or analysis change. */
public final class IndexFields {

    /**
     * Bump on every change of fields or analysis: an index written with another version is rebuilt, never served.
     */
    public static final int SCHEMA_VERSION = 7; // 6: record kind LEAD; 7: TRACKED_ITEM, PROGRESS_REPORT
    /** Commit user-data key holding {@link #SCHEMA_VERSION}. */
    public static final String SCHEMA_KEY = "wenshu.search.schema";
    /** Commit user-data key naming the sentence model of the passage vectors; another model re-embeds. */
    public static final String MODEL_KEY = "wenshu.search.model";

    /**
     * Every document of a record's block, the record's own and its passages': the term that replaces or deletes the
     * whole block at once.
     */
    public static final String BLOCK = "block";
    /** Marks the record's own document ({@value #RECORD}), the last of its block; passages lack it. */
    public static final String DOC = "doc";
    public static final String RECORD = "record";
    /** On a record: {@value #VECTORS_PENDING} until its passage vectors are in its block, then {@value #VECTORS_DONE}. */
    public static final String VECTORS = "vectors";
    public static final String VECTORS_PENDING = "pending";
    public static final String VECTORS_DONE = "done";
    /** Passage vector (HNSW, dot product of unit vectors) of a passage document. */
    public static final String PASSAGE_VECTOR = "passage_vector";
    /** Stored access tokens, to rebuild a record from its document when its vectors arrive. */
    public static final String ACCESS_STORED = "access_stored";
    /** Stored due date and recipient units are read back for the same reason. */

    public static final String ID = "id";
    public static final String KIND = "kind";
    public static final String TYPE = "type";
    public static final String NUMBER = "number";
    public static final String TITLE = "title";
    public static final String TITLE_BIGRAMS = "title_bi";
    public static final String TITLE_WORDS = "title_word";
    /** Stored body text, indexed as bigrams with offsets (highlighting reads offsets from the postings). */
    public static final String BODY = "body";
    public static final String ISSUING_UNIT = "issuing_unit";
    public static final String RECIPIENT_UNITS = "recipient_unit";
    /** Every unit involved (issuing and recipients): the {@code unit:} filter and facet. */
    public static final String UNIT = "unit";
    public static final String DOMAIN = "domain";
    public static final String STATUS = "status";
    /** Epoch day of the record's date: points for ranges, doc values for sorting, stored. */
    public static final String DATE = "date";
    public static final String DUE_DATE = "due_date";
    public static final String YEAR = "year";
    public static final String INSTRUMENT = "instrument";
    public static final String SOURCE = "source";
    /** Access tokens, see {@code Access}. */
    public static final String ACCESS = "access";

    /** Doc-values field of all facet dimensions, values written as the facet module's dimension/value paths. */
    public static final String FACETS = "facets";

    private IndexFields() {
    }
}
