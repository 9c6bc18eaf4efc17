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
     * issue; throws a bad-input failure if invalid ({@link org.wenshu.generator.UncoveredCharacters} for characters no
     * font covers), before any number is reserved.
     */
    IssueRequest request(String typeId, Map<String, Object> fields);

    /** Renders and signs the instrument for {@code request} once the archive has reserved its number. */
    InstrumentProducer producer(IssueRequest request);
}
