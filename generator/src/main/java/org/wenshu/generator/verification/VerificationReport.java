package org.wenshu.generator.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verification of a whole PDF (验证报告): every signature and document timestamp in order, and the PDF/A claim.
 *
 * @param signatures the signatures and document timestamps, oldest first
 * @param pdfAClaim  the PDF/A part and conformance the XMP metadata claims (e.g. {@code PDF/A-2B}); a claim, not
 *                   a validation
 * @param policy     the validation policy applied
 */
public record VerificationReport(List<SignatureCheck> signatures, Optional<String> pdfAClaim, SignaturePolicy policy) {

    /** True when there is at least one signature and every entry is valid and trusted. */
    public boolean allValid() {
        return !signatures.isEmpty() && signatures.stream().allMatch(SignatureCheck::valid);
    }

    /** Every problem and policy violation, prefixed by its field name; "no signature" for an unsigned document. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (signatures.isEmpty()) {
            problems.add("the document carries no signature (文档未签名)");
        }
        for (SignatureCheck check : signatures) {
            check.reasons().forEach(problem -> problems.add(check.fieldName() + ": " + problem));
        }
        return problems;
    }
}
