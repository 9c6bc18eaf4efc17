package org.wenshu.app.verification;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.wenshu.generator.verification.ChangesAfterSigning;
import org.wenshu.generator.verification.SignatureCheck;
import org.wenshu.generator.verification.VerificationReport;

/**
 * 核验结论: the verifier's report on an uploaded PDF in plain Chinese for anyone — valid, changed after signing, not
 * signed by a trusted unit, not a wenshu document — with one line of facts per signature. {@code valid} follows PAdES
 * validation (ETSI EN 319 102-1 as the verifier's policy applies it): true only when there is a signature and every
 * signature and document timestamp is intact (its ByteRange hashes to what was signed), chains to a trusted unit's
 * certificate, is not revoked, meets the policy, and only allowed incremental updates (later signatures, timestamps,
 * DSS validation data) followed it.
 *
 * @param outcome    which of the verdicts applies
 * @param sha256     SHA-256 (lower-case hex) of the uploaded file, to compare with the archive's public summary
 * @param pdfAClaim  the PDF/A part and conformance the file claims, e.g. {@code PDF/A-2B}
 * @param signatures one entry per signature or document timestamp, oldest first
 * @param problems   every problem the verifier found, as it states them
 */
public record PublicVerdict(Outcome outcome, boolean valid, String sha256, Optional<String> pdfAClaim,
                            List<Signature> signatures, List<String> problems) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The verdicts a visitor can get, each with its headline and explanation. */
    public enum Outcome {
        VALID("valid", "文件真实有效", "电子签章完好，由受信任的单位签署，签署后未被改动。"),
        CHANGED_AFTER_SIGNING("changed-after-signing", "文件在签署后被改动",
                "签章所保护的内容与现在的文件不一致：文件在盖章后被修改过，不能作为原件使用。"),
        UNTRUSTED("untrusted-signer", "不是受信任单位签署的文件",
                "文件带有电子签章，但签章证书不属于受信任的单位（或已被吊销），不能确认文件来自府检联动成员单位。"),
        NOT_WENSHU("not-wenshu", "不是本系统签发的文书", "文件中没有电子签章，不是本系统签发的文书，或签章已被去除。"),
        INVALID("invalid", "签章无效", "文件带有电子签章，但签章未通过验证，详见下方说明。");

        private final String code;
        private final String headline;
        private final String explanation;

        Outcome(String code, String headline, String explanation) {
            this.code = code;
            this.headline = headline;
            this.explanation = explanation;
        }

        /** The verdict's stable name in the API, e.g. {@code changed-after-signing}. */
        public String code() {
            return code;
        }

        public String headline() {
            return headline;
        }

        public String explanation() {
            return explanation;
        }
    }

    /**
     * One signature or document timestamp as shown.
     *
     * @param facts {@code 标签：值} lines in Chinese
     */
    public record Signature(SignatureCheck check, String title, List<String> facts) {

        public boolean valid() {
            return check.valid();
        }
    }

    /** The verdict on {@code report} for a file with hash {@code sha256}, times shown in {@code zone}. */
    public static PublicVerdict of(VerificationReport report, String sha256, ZoneId zone) {
        List<Signature> signatures = new ArrayList<>();
        for (SignatureCheck check : report.signatures()) {
            signatures.add(new Signature(check, (check.documentTimestamp() ? "文档时间戳 " : "电子签章 ") + check.fieldName(),
                    facts(check, zone)));
        }
        return new PublicVerdict(outcome(report), report.allValid(), sha256, report.pdfAClaim(), signatures,
                report.problems());
    }

    private static Outcome outcome(VerificationReport report) {
        if (report.signatures().isEmpty()) {
            return Outcome.NOT_WENSHU;
        }
        if (report.signatures().stream().anyMatch(check -> !check.intact()
                || check.changes().kind() == ChangesAfterSigning.Kind.CONTENT_CHANGED)) {
            return Outcome.CHANGED_AFTER_SIGNING;
        }
        if (report.signatures().stream().anyMatch(check -> !check.trusted()
                || check.revocation() == SignatureCheck.Revocation.REVOKED)) {
            return Outcome.UNTRUSTED;
        }
        return report.allValid() ? Outcome.VALID : Outcome.INVALID;
    }

    private static List<String> facts(SignatureCheck check, ZoneId zone) {
        List<String> facts = new ArrayList<>();
        facts.add("签署者：" + check.signer());
        check.sealText().ifPresent(text -> facts.add("印章文字：" + text));
        check.timestamp().ifPresent(ts -> facts.add("时间戳：" + TIME.format(ts.time().atZone(zone))
                + (ts.valid() ? "（有效）" : "（无效）")));
        if (check.timestamp().isEmpty()) {
            check.claimedTime().ifPresent(time -> facts.add("签署时间（签署者声明）：" + TIME.format(time.atZone(zone))));
        }
        facts.add("签署时的版本：" + (check.intact() ? "完好，与签署时一致" : "已被篡改，与签署时不一致"));
        facts.add("签署之后：" + switch (check.changes().kind()) {
            case NONE -> "没有任何改动";
            case ALLOWED_INCREMENTAL_UPDATES -> "只追加了允许的内容（后续签章、时间戳或验证数据）";
            case CONTENT_CHANGED -> "页面内容被改动";
        });
        facts.add("证书：" + (check.trusted() ? "属于受信任的单位" : "不属于受信任的单位"));
        facts.add("吊销状态：" + switch (check.revocation()) {
            case GOOD -> "未吊销";
            case REVOKED -> "证书已被吊销";
            case UNKNOWN -> "无吊销信息";
        });
        check.level().ifPresent(level -> facts.add("PAdES 级别：" + level));
        return facts;
    }

    /** The verdict as the API returns it. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valid", valid);
        json.put("verdict", outcome.code());
        json.put("headline", outcome.headline());
        json.put("explanation", outcome.explanation());
        json.put("sha256", sha256);
        json.put("pdfAClaim", pdfAClaim.orElse(null));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Signature signature : signatures) {
            SignatureCheck check = signature.check();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("field", check.fieldName());
            entry.put("kind", check.documentTimestamp() ? "document-timestamp" : "signature");
            entry.put("valid", check.valid());
            entry.put("signer", check.signer());
            entry.put("sealText", check.sealText().orElse(null));
            entry.put("claimedTime", check.claimedTime().map(Object::toString).orElse(null));
            entry.put("timestamp", check.timestamp().map(ts -> {
                Map<String, Object> timestamp = new LinkedHashMap<>();
                timestamp.put("time", ts.time().toString());
                timestamp.put("authority", ts.authority());
                timestamp.put("valid", ts.valid());
                return timestamp;
            }).orElse(null));
            entry.put("intact", check.intact());
            entry.put("trusted", check.trusted());
            entry.put("revocation", check.revocation().name());
            entry.put("coversWholeFile", check.coversWholeFile());
            entry.put("changesAfterSigning", Map.of("kind", check.changes().kind().name(),
                    "details", check.changes().details()));
            entry.put("padesLevel", check.level().map(Object::toString).orElse(null));
            entry.put("facts", signature.facts());
            entry.put("problems", check.reasons());
            entries.add(entry);
        }
        json.put("signatures", entries);
        json.put("problems", problems);
        return json;
    }
}
