package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.archive.Archive;
import org.wenshu.archive.AuditEvent;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.batch.InstrumentIssuer;

/**
 * {@code wenshu batch fixity} finds a changed object, a deleted object and an instrument whose signature no longer
 * verifies (its stored hash still matches) among intact records, reports each, audits the run and exits 1.
 * The archive has 200 records, as the issue asks: 199 meeting notices bulk-issued from a list (each rendered, sealed
 * and stored on its own) and the tampered one.
 */
class FixityIntegrationTests {

    private static final int RECORDS = 200;

    private Path home;
    private InProcessCli cli;
    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-fixity");
        cli = InProcessCli.start(home.resolve("data"), "wenshu.batch.threads=2");
        context = cli.context();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void findsAChangedADeletedAndAnUnverifiableObjectAndAuditsTheRun() throws Exception {
        Path data = BulkIssueFiles.baseData(home);
        Path list = BulkIssueFiles.recipients(home, RECORDS - 1);
        Run issued = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);
        assertThat(issued.exitCode()).as(issued.printed()).isZero();
        Archive archive = context.getBean(Archive.class);
        InstrumentRecord tampered = issueWithBrokenSignature(archive);

        Run intact = cli.run("batch", "fixity");
        assertThat(intact.exitCode()).as(intact.printed()).isEqualTo(1);
        assertThat(archive.records(0, 1000)).hasSize(RECORDS);
        assertThat(intact.out()).contains("已校验 " + RECORDS + " 份记录、" + 2 * RECORDS + " 个对象", tampered.id() + "） 签名");
        assertThat(intact.out().lines().filter(l -> l.startsWith("    ")).toList()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(tampered.id()));
        // Found in the archive, not skipped; said in Chinese, as the office reads the audit.
        assertThat(intact.out()).contains("  发现的问题 ").doesNotContain("跳过");
        assertThat(intact.out().lines().filter(l -> l.startsWith("    ")).toList())
                .allSatisfy(line -> assertThat(line).contains("签名后文件被篡改")
                        .doesNotContain("integrity", "signature", "signed"));

        List<InstrumentRecord> records = archive.records(0, 1000);
        InstrumentRecord changed = records.get(37);
        InstrumentRecord deleted = records.get(163);
        Path changedPdf = object(changed, "instrument.pdf");
        byte[] bytes = Files.readAllBytes(changedPdf);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(changedPdf, bytes);
        Files.delete(object(deleted, "record.json"));

        Run found = cli.run("batch", "fixity", "maxObjectsPerSecond=1000");

        assertThat(found.exitCode()).as(found.printed()).isEqualTo(1);
        assertThat(found.out()).contains(changed.id() + "）" + " instruments/", "内容已改变")
                .contains(deleted.id() + "）" + " instruments/", "对象缺失")
                .contains(tampered.id() + "） 签名");
        List<String> problemLines = found.out().lines().filter(l -> l.startsWith("    ")).toList();
        assertThat(problemLines).allSatisfy(line -> assertThat(line)
                .containsAnyOf(changed.id(), deleted.id(), tampered.id()));
        List<AuditEvent> audit = archive.auditEvents(0, 10_000);
        AuditEvent last = audit.get(audit.size() - 1);
        assertThat(last.action()).isEqualTo("FIXITY_CHECKED");
        assertThat(last.detail()).contains("\"records\":" + RECORDS, "\"objects\":" + 2 * RECORDS).contains(deleted.id());
    }

    /** An instrument sealed and then altered before it was stored: its hash matches, its signature does not. */
    private InstrumentRecord issueWithBrokenSignature(Archive archive) throws IOException {
        InstrumentIssuer issuer = context.getBean(InstrumentIssuer.class);
        java.util.Map<String, Object> fields = new tools.jackson.databind.json.JsonMapper().readValue(
                BulkIssueFiles.baseData(home).toFile(), new tools.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { });
        fields.put("recipients", List.of("市民政局"));
        fields.put("title", "关于召开签名被改动的会议的通知");
        IssueRequest request = issuer.request("meeting-notice", fields);
        return archive.issue(request, number -> {
            byte[] sealed = issuer.sign(request, issuer.render(request, number));
            String text = new String(sealed, StandardCharsets.ISO_8859_1);
            int date = text.indexOf("/CreationDate");
            int digit = text.indexOf("D:2", date) + 3;
            sealed[digit] = (byte) (sealed[digit] == '0' ? '1' : '0');
            return sealed;
        });
    }

    private Path object(InstrumentRecord record, String name) throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve("data").resolve("objects"))) {
            return files.filter(f -> f.getFileName().toString().equals(name) && f.getParent().getFileName().toString().equals(record.id()))
                    .findFirst().orElseThrow();
        }
    }
}
