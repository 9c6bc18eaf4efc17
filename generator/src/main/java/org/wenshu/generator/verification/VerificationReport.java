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

    /**
     * As {@link #problems()}, in Chinese only, for reports read by the office (the fixity audit): e.g.
     * {@code 签名 Signature1 无效：签名间隙含有其他数据}; {@code 文档未签名} for an unsigned document.
     */
    public List<String> problemsInChinese() {
        if (signatures.isEmpty()) {
            return List.of("文档未签名");
        }
        List<String> problems = new ArrayList<>();
        for (SignatureCheck check : signatures) {
            String field = (check.documentTimestamp() ? "文档时间戳 " : "签名 ") + check.fieldName() + " 无效：";
            check.problems().forEach(problem -> problems.add(field + chinese(problem)));
            check.violations().forEach(violation -> problems.add(field + violation.text()));
        }
        return problems;
    }

    /**
     * The Chinese part of a verification reason: every reason the verifier gives ends with its Chinese wording in
     * parentheses, e.g. {@code integrity: … (签名后文件被篡改)} → {@code 签名后文件被篡改}. A text without one (not
     * from this verifier) is returned as it is.
     */
    public static String chinese(String reason) {
        int open = reason.lastIndexOf(" (");
        if (open >= 0 && reason.endsWith(")")) {
            String inside = reason.substring(open + 2, reason.length() - 1);
            if (inside.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                return inside;
            }
        }
        return reason;
    }
}
