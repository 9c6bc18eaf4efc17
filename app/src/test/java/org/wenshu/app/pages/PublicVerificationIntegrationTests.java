package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.verification.PublicLinks;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public verification without login: the code and QR code printed on every issued instrument, the summary page
 * {@code /v/{code}}, the verdict of {@code POST /api/v1/verify} on genuine, tampered, unsigned and non-PDF files,
 * and the per-address rate limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicVerificationIntegrationTests extends PagesTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TITLE = "关于规范公开核验测试事项的检察建议";

    @Autowired
    Archive archive;

    @Autowired
    PublicLinks links;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String recordId;
    private String code;
    private byte[] sealed;

    @BeforeAll
    void issueOne() {
        ensureAccounts();
        recordId = issue(TITLE, "荆门市司法局");
        code = archive.verificationCode(recordId).orElseThrow();
        sealed = PublicVerificationTesting.sealedPdf(archive, recordId);
    }

    // ---------------------------------------------------------------- PrintedCode

    @Test
    void everyPageOfTheSealedPdfPrintsTheCodeAndAQrCodeOfItsPublicUrl() throws IOException {
        try (PDDocument document = Loader.loadPDF(sealed)) {
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page + 1);
                stripper.setEndPage(page + 1);

                assertThat(stripper.getText(document)).contains("核验码 " + code);
                assertThat(PublicVerificationTesting.qrCodeOnPage(sealed, page))
                        .isEqualTo(links.verificationUrl(code)).endsWith("/v/" + code);
            }
        }
    }

    @Test
    void codesAreRandomNotDerivedFromTheRecordAndTwoIssuesOfTheSameDataDiffer() {
        WenshuUser prosecutor = WenshuUser.of(accounts.require(PROSECUTOR));
        Map<String, Object> fields = suggestion("关于同一内容两次发文的检察建议", "荆门市司法局");
        List<InstrumentRecord> records = new ArrayList<>();
        for (String key : List.of("same-data-1", "same-data-2")) {
            records.add(instruments.issue(prosecutor, "procuratorial-suggestion", fields, Optional.of(key)));
        }
        String first = archive.verificationCode(records.get(0).id()).orElseThrow();
        String second = archive.verificationCode(records.get(1).id()).orElseThrow();

        assertThat(first).matches("[2-9A-HJ-NP-Z]{12}").isNotEqualTo(second);
        // No 8 letters of a code appear in a record id's hex, as in a code derived from it (4 letters would, by
        // chance, about once in 600 runs).
        for (InstrumentRecord record : records) {
            String id = record.id().replace("-", "").toUpperCase();
            for (String printed : List.of(first, second)) {
                for (int at = 0; at + 8 <= printed.length(); at++) {
                    assertThat(id).doesNotContain(printed.substring(at, at + 8));
                }
            }
        }
        // Consecutive numbers, unrelated codes: no shared prefix as a counter or a hash of the number would give.
        assertThat(commonPrefix(first, second)).isLessThan(4);
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    // ---------------------------------------------------------------- SummaryPage

    @Test
    void showsNumberUnitDateHashAndStatusButNeitherContentNorRecipient() {
        InstrumentRecord record = archive.find(recordId).orElseThrow();

        Reply reply = get("/v/" + code, "198.51.100.10");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains(record.number().text(), "荆门市人民检察院", "已发出",
                PublicVerificationTesting.sha256(sealed));
        assertThat(reply.body()).doesNotContain(TITLE, "本院在履行法律监督职责中发现有关问题", "荆门市司法局", recordId);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void aCodeTypedInLowerCaseWithHyphensFindsTheSameRecord() {
        String typed = (code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8)).toLowerCase();

        Reply reply = get("/v/" + typed, "198.51.100.11");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains(archive.find(recordId).orElseThrow().number().text());
    }

    @Test
    void anUnknownCodeIsA404Page() {
        Reply reply = get("/v/" + unknownCode(0), "198.51.100.12");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("未找到", unknownCode(0)).doesNotContain("发文字号");
    }

    /**
     * A code one letter off an issued one must answer like any other unknown code, or timing would let a guesser
     * find codes letter by letter (as a prefix comparison or a scan of candidates would). Hits are not compared with
     * misses: the status and the page already say whether a code exists, which is what the page is for, and a hit
     * renders more of the page. Near and far misses are interleaved (alternating which goes first), so load on the
     * machine (other builds) falls on both alike, and compared with the Mann-Whitney U test, which needs no assumption
     * about the distribution of response times. The test fails only when the two differ significantly (|z| > 3.29,
     * p < 0.001 two-sided, so noise fails it about once in a thousand runs) AND their medians differ by more than a
     * quarter. The structure backs it: {@code Archive.verifiable} runs the same single indexed equality query for
     * every code, malformed ones included, and every miss renders the same template.
     */
    @Test
    void aCodeOneLetterOffAnIssuedOneTakesAsLongAsAnyUnknownCode() {
        List<Long> near = new ArrayList<>();
        List<Long> far = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // warm up both paths
            get("/v/" + oneLetterOff(i), timingAddress(0, true));
            get("/v/" + unknownCode(i), timingAddress(0, false));
        }
        for (int i = 0; i < 40; i++) {
            String close = oneLetterOff(i % 31);
            String unknown = unknownCode(100 + i);
            String nearAddress = timingAddress(1 + i / 20, true);
            String farAddress = timingAddress(1 + i / 20, false);
            // Alternate which goes first, so nothing periodic or order-bound favours one side.
            if (i % 2 == 0) {
                near.add(timed(() -> get("/v/" + close, nearAddress), 404));
                far.add(timed(() -> get("/v/" + unknown, farAddress), 404));
            } else {
                far.add(timed(() -> get("/v/" + unknown, farAddress), 404));
                near.add(timed(() -> get("/v/" + close, nearAddress), 404));
            }
        }

        double ratio = (double) median(far) / median(near);
        double z = mannWhitneyZ(near, far);
        String report = String.format("/v/{code}: median one letter off %d µs, median unknown %d µs, ratio %.2f, "
                        + "Mann-Whitney z %.2f (40 each, interleaved); one letter off %s; unknown %s",
                median(near) / 1000, median(far) / 1000, ratio, z, micros(near), micros(far));
        System.out.println(report);

        boolean significant = Math.abs(z) > 3.29;
        boolean large = ratio < 0.75 || ratio > 1 / 0.75;
        assertThat(significant && large).as(report).isFalse();
    }

    /**
     * A client address for the timing test: each side and each block of 20 requests from its own, so none reaches
     * the summaries' rate limit (30 a minute).
     */
    private static String timingAddress(int block, boolean near) {
        return "203.0.113." + (10 + 2 * block + (near ? 0 : 1));
    }

    /** The issued code with its last letter replaced ({@code variant} 0 to 30 give different codes, none issued). */
    private String oneLetterOff(int variant) {
        String alphabet = org.wenshu.archive.VerificationCodes.ALPHABET;
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1)
                + alphabet.charAt((alphabet.indexOf(last) + 1 + variant) % alphabet.length());
    }

    private long timed(java.util.function.Supplier<Reply> call, int status) {
        long start = System.nanoTime();
        Reply reply = call.get();
        long elapsed = System.nanoTime() - start;
        assertThat(reply.status()).isEqualTo(status);
        return elapsed;
    }

    /** The normal approximation of the Mann-Whitney U statistic of {@code a} against {@code b}, ties ranked by their mean. */
    static double mannWhitneyZ(List<Long> a, List<Long> b) {
        List<long[]> all = new ArrayList<>(); // value, group
        a.forEach(v -> all.add(new long[] {v, 0}));
        b.forEach(v -> all.add(new long[] {v, 1}));
        all.sort(java.util.Comparator.comparingLong(x -> x[0]));
        double rankSumA = 0;
        for (int i = 0; i < all.size(); ) {
            int j = i;
            while (j < all.size() && all.get(j)[0] == all.get(i)[0]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            for (int k = i; k < j; k++) {
                if (all.get(k)[1] == 0) {
                    rankSumA += rank;
                }
            }
            i = j;
        }
        double n1 = a.size();
        double n2 = b.size();
        double u = rankSumA - n1 * (n1 + 1) / 2;
        return (u - n1 * n2 / 2) / Math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12);
    }

    private static List<Long> micros(List<Long> nanos) {
        return nanos.stream().map(n -> n / 1000).sorted().toList();
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    // ---------------------------------------------------------------- VerifyApi

    @Test
    void aGenuineInstrumentIsValidWithItsSignatureDetails() {
        Reply reply = verify("文书.pdf", "application/pdf", sealed, "198.51.100.20");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, Object> json = reply.json();
        assertThat(json).containsEntry("valid", true).containsEntry("verdict", "valid")
                .containsEntry("sha256", PublicVerificationTesting.sha256(sealed));
        List<Map<String, Object>> signatures = signatures(json);
        assertThat(signatures).isNotEmpty().allSatisfy(signature -> assertThat(signature)
                .containsEntry("valid", true).containsEntry("intact", true).containsEntry("trusted", true));
        assertThat(signatures.get(0).get("signer").toString()).contains("荆门市人民检察院");
    }

    @Test
    void aPageChangedAfterSigningIsNotValid() {
        byte[] tampered = PublicVerificationTesting.withPageChanged(sealed);

        Reply reply = verify("文书.pdf", "application/pdf", tampered, "198.51.100.21");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("valid", false).containsEntry("verdict", "changed-after-signing")
                .containsEntry("headline", "文件在签署后被改动");
        assertThat(signatures(reply.json()).get(0).get("changesAfterSigning").toString()).contains("CONTENT_CHANGED");
    }

    @Test
    void aFlippedByteInTheSignedRangeIsNotValid() {
        byte[] tampered = PublicVerificationTesting.withByteFlipped(sealed);

        Reply reply = verify("文书.pdf", "application/pdf", tampered, "198.51.100.22");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("valid", false).containsEntry("verdict", "changed-after-signing");
        assertThat(signatures(reply.json()).get(0)).containsEntry("intact", false);
    }

    @Test
    void aPdfSealedByAnUntrustedCertificateIsNotSignedByATrustedUnit() {
        org.wenshu.generator.signing.SigningKey stranger = org.wenshu.generator.keys.DevelopmentCa
                .create("陌生", java.time.Clock.systemUTC())
                .issue("冒名检察院", org.wenshu.generator.keys.CertificatePurpose.SEAL);
        byte[] forged = new org.wenshu.generator.signing.PdfSigner(Optional.empty(),
                org.wenshu.generator.signing.RevocationSource.none(), java.time.Clock.systemUTC())
                .sign(PublicVerificationTesting.unsignedPdf("forged"), org.wenshu.generator.signing.SignatureRequest
                        .invisible(stranger, org.wenshu.generator.signing.PadesLevel.B_B));

        Reply reply = verify("冒名.pdf", "application/pdf", forged, "198.51.100.29");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("valid", false).containsEntry("verdict", "untrusted-signer")
                .containsEntry("headline", "不是受信任单位签署的文件");
        assertThat(signatures(reply.json()).get(0)).containsEntry("intact", true).containsEntry("trusted", false);
    }

    @Test
    void anUnsignedPdfIsNotAWenshuDocument() {
        Reply reply = verify("scan.pdf", "application/pdf", PublicVerificationTesting.unsignedPdf("Just a PDF"),
                "198.51.100.23");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("valid", false).containsEntry("verdict", "not-wenshu");
        assertThat(signatures(reply.json())).isEmpty();
    }

    @Test
    void aFileThatIsNotAPdfIsAProblemNamingTheField() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

        Reply reply = verify("文书.pdf", "application/pdf", png, "198.51.100.24");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.body()).contains("urn:wenshu:problem:not-pdf", "不是 PDF", "\"field\":\"file\"");
    }

    @Test
    void aRequestWithoutTheFileFieldIsAProblem() {
        Reply reply = multipart("/api/v1/verify", "document", "文书.pdf", sealed, "198.51.100.25");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("urn:wenshu:problem:file-missing", "file");
    }

    @Test
    void aRequestThatIsNotMultipartIsAProblem() {
        Reply reply = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/verify"))
                .header("Content-Type", "application/pdf").header("X-Forwarded-For", "198.51.100.26")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sealed)));

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.body()).contains("multipart/form-data", "file");
    }

    @Test
    void aFileLargerThanTheLimitIsA413Problem() {
        byte[] large = pdfOfSize(21 * 1024 * 1024); // the archive's 20 MB per file

        Reply reply = verify("大文件.pdf", "application/pdf", large, "198.51.100.27");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).contains("urn:wenshu:problem:upload-too-large", "MB");
    }

    @Test
    void aHostilePdfIsRefusedByTheUploadInspection() {
        byte[] withJavaScript = ("%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);

        Reply reply = verify("x.pdf", "application/pdf", withJavaScript, "198.51.100.28");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("urn:wenshu:problem:file-refused");
    }

    // ---------------------------------------------------------------- RateLimits

    /*
     * The budgets refill continuously (20 and 30 a minute), so a slow machine may earn a token or two while the test
     * runs: it asks until refused, with a margin, and checks that the whole budget was granted first.
     */
    @Test
    void theVerifyApiAnswers429WithRetryAfterOnceAnAddressUsedItsBudget() {
        String address = "203.0.113.50";
        byte[] unsigned = PublicVerificationTesting.unsignedPdf("rate");
        List<Integer> statuses = new ArrayList<>();

        Reply limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            Reply reply = verify("r.pdf", "application/pdf", unsigned, address);
            statuses.add(reply.status());
            limited = reply.status() == 429 ? reply : null;
        }
        Reply other = verify("r.pdf", "application/pdf", unsigned, "203.0.113.51");

        assertThat(limited).as("statuses %s", statuses).isNotNull();
        assertThat(statuses.subList(0, 20)).containsOnly(200);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.body()).contains("urn:wenshu:problem:rate-limited", "请求过于频繁");
        assertThat(other.status()).as("another address keeps its own budget").isEqualTo(200);
    }

    @Test
    void theSummaryPageAnswers429OnceAnAddressUsedItsBudget() {
        String address = "203.0.113.60";
        List<Integer> statuses = new ArrayList<>();

        Reply limited = null;
        for (int i = 0; i < 45 && limited == null; i++) {
            Reply reply = get("/v/" + (i % 2 == 0 ? code : unknownCode(i)), address);
            statuses.add(reply.status());
            limited = reply.status() == 429 ? reply : null;
        }

        assertThat(limited).as("statuses %s", statuses).isNotNull();
        assertThat(statuses.subList(0, 30)).containsOnly(200, 404);
        assertThat(limited.body()).contains("请求过于频繁").doesNotContain("发文字号");
        assertThat(limited.header("Retry-After")).isNotEmpty();
    }

    /** A well-formed code that no record has (the issued one with its letters shifted). */
    private String unknownCode(int variant) {
        String alphabet = org.wenshu.archive.VerificationCodes.ALPHABET;
        StringBuilder other = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            other.append(alphabet.charAt((alphabet.indexOf(code.charAt(i)) + 1 + (variant + i) % 7) % alphabet.length()));
        }
        return other.toString();
    }

    // ------------------------------------------------------------------ HTTP

    record Reply(int status, String body, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse("");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return JSON.readValue(body, Map.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> signatures(Map<String, Object> json) {
        return (List<Map<String, Object>>) json.get("signatures");
    }

    private Reply get(String path, String clientAddress) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("X-Forwarded-For", clientAddress)
                .header("Accept", "text/html").GET());
    }

    private Reply verify(String name, String type, byte[] content, String clientAddress) {
        return multipart("/api/v1/verify", "file", name, content, clientAddress);
    }

    private Reply multipart(String path, String field, String name, byte[] content, String clientAddress) {
        String boundary = "----wenshu" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + name + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(java.time.Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
