package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Objects the archive writes are plain S3 objects: an independent client (awscli) reads them and their metadata. */
class AwsCliIntegrationTests {

    @Test
    void objectsAreReadableByAwsCliWithTheirMetadata() throws Exception {
        try (ArchiveFixture fixture = new ArchiveFixture(Database.H2)) {
            InstrumentRecord record = fixture.archive.issue(ArchiveFixture.suggestion("关于加强食品安全监管的检察建议", "市卫健委"),
                    TestPdfs.producer());
            StoredFile pdf = record.objects().get(0);
            StoredFile json = record.objects().get(1);
            Path pdfOut = fixture.home.resolve("cli-instrument.pdf");
            Path jsonOut = fixture.home.resolve("cli-record.json");

            Map<String, Object> pdfHead = awsGetObject(fixture, pdf.key(), pdfOut);
            Map<String, Object> jsonHead = awsGetObject(fixture, json.key(), jsonOut);

            assertThat(Hashes.sha256(Files.readAllBytes(pdfOut))).isEqualTo(pdf.sha256());
            assertThat(pdfHead.get("ContentType")).isEqualTo("application/pdf");
            assertThat(pdfHead.get("Metadata")).isEqualTo(Map.of("sha256", pdf.sha256(), "record-id", record.id(),
                    "kind", "instrument", "document-number", "%E8%8D%86%E6%A3%80%E8%A1%8C%E5%BB%BA%E3%80%942024%E3%80%951%E5%8F%B7"));
            assertThat(jsonHead.get("ContentType")).isEqualTo("application/json");
            assertThat(Files.readString(jsonOut, StandardCharsets.UTF_8)).contains("\"number\" : \"荆检行建〔2024〕1号\"")
                    .contains(pdf.sha256());
        }
    }

    private static Map<String, Object> awsGetObject(ArchiveFixture fixture, String key, Path out) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("aws", "s3api", "get-object",
                "--endpoint-url", fixture.s3.endpoint().toString(),
                "--bucket", "wenshu-archive", "--key", key, out.toString());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", fixture.credentials.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", fixture.credentials.secretKey());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", fixture.home.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", fixture.home.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        builder.redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("awscli is needed for this test: run the tests through ./wenshu test, which installs it", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("aws s3api get-object output: %s", output).isZero();
        return Json.readMap(output);
    }

}
