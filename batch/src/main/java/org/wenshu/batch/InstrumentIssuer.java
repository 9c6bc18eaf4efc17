package org.wenshu.batch;

import java.util.Map;

import org.wenshu.archive.DocumentNumber;
import org.wenshu.archive.IssueRequest;

/**
 * How the batch jobs issue (implemented in {@code app} with the template catalog, the generator and the unit seal):
 * the same validation and rendering as {@code wenshu issue}, split so that each part can be checked before a number
 * is reserved and timed on its own.
 */
public interface InstrumentIssuer {

    /**
     * Validates {@code fields} for the type, checks that every character of them can be printed and that the issuing
     * unit has a seal (before a number is reserved), and returns the archive request.
     *
     * @throws org.wenshu.templates.FieldsInvalid listing every invalid field, also each unit that a field naming units
     *                                            (发文机关, 主送, 抄送, 参会单位 …, single or list) gives and no
     *                                            registered unit has
     * @throws org.wenshu.archive.ArchiveRefusal when a unit reference is refused by the archive otherwise
     * @throws IssuingUnitUnsealed when the issuing unit has no seal (carrying the request otherwise made)
     * @throws org.wenshu.templates.UnknownInstrumentType for an unknown type id
     * @throws org.wenshu.generator.UncoveredCharacters naming the fields with characters no font covers
     */
    IssueRequest request(String typeId, Map<String, Object> fields);

    /** The unsigned PDF/A of {@code request} printed with {@code number}. */
    byte[] render(IssueRequest request, DocumentNumber number);

    /**
     * The unsigned PDF/A of {@code request} printed with {@code number} and the record's verification code (核验码,
     * with its QR code in the footer); by default without the code.
     */
    default byte[] render(IssueRequest request, DocumentNumber number, String verificationCode) {
        return render(request, number);
    }

    /** {@code pdf} of {@code request} sealed (PAdES) with its issuing unit's own seal. */
    byte[] sign(IssueRequest request, byte[] pdf);
}
