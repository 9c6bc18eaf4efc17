package org.wenshu.search.analysis;

/** Field names of the search index and the schema version that changes whenever fields or analysis change. */
public final class IndexFields {

    /**
     * Bump on every change of fields or analysis: an index written with another version is rebuilt, never served.
     */
    public static final int SCHEMA_VERSION = 4;
    /** Commit user-data key holding {@link #SCHEMA_VERSION}. */
    public static final String SCHEMA_KEY = "wenshu.search.schema";

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
