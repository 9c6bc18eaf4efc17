package org.wenshu.app.instruments;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.wenshu.generator.verification.PdfVerifier;
import org.wenshu.generator.verification.SignatureCheck;
import org.wenshu.generator.verification.UnreadablePdf;
import org.wenshu.generator.verification.VerificationReport;

/**
 * 签章验证结论: the verifier's report on a sealed PDF in Chinese, for the record page — one line per signature
 * (signer, time, integrity, trust, revocation, PAdES level) and the verifier's own problem texts.
 *
 * @param valid      every signature intact and trusted
 * @param summary    the verdict in one sentence
 * @param signatures one description per signature or document timestamp
 * @param problems   every problem the verifier found, as it states them
 */
public record SignatureVerdict(boolean valid, String summary, List<Signature> signatures, List<String> problems) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * One signature as shown.
     *
     * @param facts {@code 标签：值} lines
     */
    public record Signature(String title, boolean valid, List<String> facts) {
    }

    /** Verifies {@code pdf} with {@code verifier}; an unreadable file gives an invalid verdict, not a failure. */
    public static SignatureVerdict of(PdfVerifier verifier, byte[] pdf, ZoneId zone) {
        VerificationReport report;
        try {
            report = verifier.verify(pdf);
        } catch (UnreadablePdf unreadable) {
            return new SignatureVerdict(false, "文件无法读取，不能验证签章", List.of(), List.of(unreadable.getMessage()));
        }
        List<Signature> signatures = new ArrayList<>();
        for (SignatureCheck check : report.signatures()) {
            List<String> facts = new ArrayList<>();
            facts.add("签署者：" + check.signer());
            check.timestamp().ifPresent(ts -> facts.add("时间戳：" + TIME.format(ts.time().atZone(zone))
                    + (ts.valid() ? "（有效）" : "（无效）")));
            if (check.timestamp().isEmpty()) {
                check.claimedTime().ifPresent(time -> facts.add("签署时间（签署者声明）：" + TIME.format(time.atZone(zone))));
            }
            facts.add("完整性：" + (check.intact() ? "签署后内容未被改动" : "签署后内容已被篡改"));
            facts.add("证书：" + (check.trusted() ? "可追溯到受信任的根证书" : "不能追溯到受信任的根证书"));
            facts.add("吊销状态：" + switch (check.revocation()) {
                case GOOD -> "未吊销（有吊销信息佐证）";
                case REVOKED -> "证书已被吊销";
                case UNKNOWN -> "无吊销信息";
            });
            check.level().ifPresent(level -> facts.add("PAdES 级别：" + level));
            signatures.add(new Signature((check.documentTimestamp() ? "文档时间戳 " : "签章 ") + check.fieldName(),
                    check.valid(), facts));
        }
        String summary = report.allValid() ? "签章有效：文件自盖章后未被改动，证书可信"
                : report.signatures().isEmpty() ? "文件未签章" : "签章存在问题，见下方说明";
        return new SignatureVerdict(report.allValid(), summary, signatures, report.problems());
    }
}
