package org.wenshu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.batch.InputPaths;
import org.wenshu.generator.verification.PdfVerifier;
import org.wenshu.generator.verification.PolicyViolation;
import org.wenshu.generator.verification.SignatureCheck;
import org.wenshu.generator.verification.SignaturePolicy;
import org.wenshu.generator.verification.UnreadablePdf;
import org.wenshu.generator.verification.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wenshu verify X.pdf [--json]}: checks every signature under the verifier's {@link SignaturePolicy}, which both
 * outputs name; exit 0 all valid and trusted, 1 not, 2 unreadable.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "验证PDF签名 (verify the signatures, timestamps and integrity of a signed PDF).")
public class VerifyCommand implements Callable<Integer> {

    /** Resolved only when the command runs: picocli creates every command object for each command line. */
    private final ObjectProvider<PdfVerifier> verifier;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PDF", description = "the signed PDF to verify")
    Path file;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    public VerifyCommand(ObjectProvider<PdfVerifier> verifier) {
        this.verifier = verifier;
    }

    @Override
    public Integer call() {
        byte[] pdf = read(file);
        VerificationReport report;
        try {
            report = verifier.getObject().verify(pdf);
        } catch (UnreadablePdf e) {
            throw new ExitCodes.BadInput(file + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(toJson(report)));
        } else {
            print(report, out);
        }
        out.flush();
        return report.allValid() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static byte[] read(Path file) {
        InputPaths.fileProblem(file, "PDF 文件", file.toString()).ifPresent(problem -> {
            throw new ExitCodes.BadInput(problem);
        });
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ExitCodes.BadInput("PDF 文件不存在：" + file);
        } catch (IOException e) {
            throw new ExitCodes.BadInput("PDF 文件 " + file + " 无法读取（" + e.getClass().getSimpleName() + "）", e);
        }
    }

    private void print(VerificationReport report, PrintWriter out) {
        out.println(file + ": " + (report.allValid() ? "全部签名有效 (all signatures valid and trusted)"
                : "验证未通过 (NOT valid)"));
        out.println("  PDF/A: " + report.pdfAClaim().map(claim -> claim + " (claimed in XMP)").orElse("no PDF/A claim"));
        SignaturePolicy policy = report.policy();
        out.println("  验证策略 (policy): " + policy.name() + " " + policy.version() + "，依据 " + String.join("、", policy.basis()));
        int n = 1;
        for (SignatureCheck check : report.signatures()) {
            out.println("  #" + n++ + " " + (check.documentTimestamp() ? "document timestamp" : "signature")
                    + " [" + check.fieldName() + "]: " + (check.valid() ? "有效 (valid)" : "无效 (INVALID)"));
            out.println("     signer:     " + check.signer());
            check.sealText().ifPresent(text -> out.println("     印章文字:   " + text));
            check.claimedTime().ifPresent(time -> out.println("     claimed:    " + time + " (/M)"));
            check.timestamp().ifPresent(ts -> out.println("     timestamp:  " + ts.time() + " by " + ts.authority()
                    + (ts.valid() ? " (valid)" : " (INVALID)")));
            out.println("     chain:      " + String.join(" <- ", check.chain())
                    + (check.trusted() ? " (trusted)" : " (NOT trusted)"));
            out.println("     revocation: " + check.revocation());
            out.println("     integrity:  " + (check.intact() ? "intact" : "BROKEN")
                    + (check.coversWholeFile() ? ", covers the whole file" : ""));
            out.println("     changes:    " + check.changes().kind()
                    + (check.changes().details().isEmpty() ? "" : " " + check.changes().details()));
            out.println("     PAdES:      " + check.level().map(Object::toString).orElse("not a PAdES baseline signature"));
            check.problems().forEach(problem -> out.println("     problem:    " + problem));
            check.violations().forEach(violation -> out.println("     违反策略:   " + violation.rule().title()
                    + " (" + violation.rule().id() + ")：" + violation.detail()));
            check.warnings().forEach(warning -> out.println("     warning:    " + warning));
        }
        report.problems().stream().filter(problem -> report.signatures().isEmpty())
                .forEach(problem -> out.println("  problem: " + problem));
    }

    private Map<String, Object> toJson(VerificationReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", file.toString());
        root.put("valid", report.allValid());
        root.put("pdfAClaim", report.pdfAClaim().orElse(null));
        root.put("policy", policyJson(report.policy()));
        List<Map<String, Object>> signatures = new ArrayList<>();
        for (SignatureCheck check : report.signatures()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("field", check.fieldName());
            entry.put("kind", check.documentTimestamp() ? "document-timestamp" : "signature");
            entry.put("valid", check.valid());
            entry.put("signer", check.signer());
            entry.put("sealText", check.sealText().orElse(null));
            entry.put("claimedTime", check.claimedTime().map(Object::toString).orElse(null));
            check.timestamp().ifPresent(ts -> {
                Map<String, Object> timestamp = new LinkedHashMap<>();
                timestamp.put("time", ts.time().toString());
                timestamp.put("authority", ts.authority());
                timestamp.put("valid", ts.valid());
                timestamp.put("problem", ts.problem().orElse(null));
                entry.put("timestamp", timestamp);
            });
            entry.put("chain", check.chain());
            entry.put("trusted", check.trusted());
            entry.put("revocation", check.revocation().name());
            entry.put("intact", check.intact());
            entry.put("coversWholeFile", check.coversWholeFile());
            entry.put("changesAfterSigning", Map.of("kind", check.changes().kind().name(), "details", check.changes().details()));
            entry.put("padesLevel", check.level().map(Object::toString).orElse(null));
            entry.put("problems", check.problems());
            entry.put("violations", check.violations().stream().map(VerifyCommand::violationJson).toList());
            entry.put("warnings", check.warnings());
            signatures.add(entry);
        }
        root.put("signatures", signatures);
        root.put("problems", report.problems());
        return root;
    }

    private static Map<String, Object> violationJson(PolicyViolation violation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", violation.rule().id());
        json.put("title", violation.rule().title());
        json.put("detail", violation.detail());
        return json;
    }

    private static Map<String, Object> ordered(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    /** The policy as applied: its identity, the standards it follows, and every constraint with its limits. */
    private static Map<String, Object> policyJson(SignaturePolicy policy) {
        Map<String, Object> constraints = new LinkedHashMap<>();
        constraints.put("byteRange", "covers the signature's revision up to its %%EOF (only the end-of-line after it may stay outside)");
        constraints.put("subFilters", ordered("signature", policy.signatureSubFilters(),
                "documentTimestamp", policy.timestampSubFilters()));
        constraints.put("digestAlgorithms", policy.digestAlgorithms().stream().map(limit -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("algorithm", limit.algorithm());
            json.put("acceptedUntil", limit.until().map(Object::toString).orElse(null));
            return json;
        }).toList());
        constraints.put("signatureAlgorithms", policy.signatureAlgorithms());
        constraints.put("publicKeys", policy.publicKeys().stream().map(size -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("family", size.family());
            json.put("minimumBits", size.minimumBits());
            json.put("acceptedUntil", size.until().map(Object::toString).orElse(null));
            return json;
        }).toList());
        constraints.put("signerKeyUsage", ordered("anyOf", policy.signerKeyUsages(),
                "appliesWhen", "the signer certificate has a key usage extension"));
        constraints.put("algorithmsJudgedAt", "the time a valid timestamp proves the object existed, else now");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", policy.name());
        json.put("version", policy.version());
        json.put("basis", policy.basis());
        json.put("rules", java.util.Arrays.stream(SignaturePolicy.Rule.values())
                .map(rule -> ordered("id", rule.id(), "title", rule.title())).toList());
        json.put("constraints", constraints);
        return json;
    }
}
