package org.wenshu.app.issuing;

import java.util.Map;

import org.wenshu.archive.InstrumentProducer;
import org.wenshu.archive.IssueRequest;

/**
 * How {@code wenshu issue} turns a type id and field values into an archive request and a signed PDF: implemented
 * with the template catalog (validation, number prefix, reply period, addressees) and the generator (render + sign).
 */
public interface InstrumentIssuing {

    /**
     * Validates {@code fields} for the type, checks that every character can be printed, and returns the request to
     * issue; throws a bad-input failure if invalid ({@link org.wenshu.templates.FieldsInvalid} also for a unit no
     * registered unit has in any field naming units, single or list, and for a 成文日期 after today;
     * {@link org.wenshu.generator.UncoveredCharacters} for characters no font covers),
     * {@link org.wenshu.app.signing.UnitSealMissing} for an issuing unit without a seal, before any number is reserved.
     */
    IssueRequest request(String typeId, Map<String, Object> fields);

    /**
     * As {@link #request}, without checking that the issuing unit has a seal: for callers that check who may issue
     * first, or report a unit without one themselves (bulk issuing names the rows). Such a request must not be issued
     * before {@link #requireSeal} passed.
     */
    IssueRequest prepare(String typeId, Map<String, Object> fields);

    /**
     * Checks that the issuing unit of {@code request} has a seal.
     *
     * @throws org.wenshu.app.signing.UnitSealMissing when it has none
     */
    void requireSeal(IssueRequest request);

    /** Renders and signs the instrument for {@code request} once the archive has reserved its number. */
    InstrumentProducer producer(IssueRequest request);
}
