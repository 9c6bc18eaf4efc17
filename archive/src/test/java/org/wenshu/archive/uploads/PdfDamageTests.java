package org.wenshu.archive.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wenshu.archive.uploads.HostileFiles.Sample;

/**
 * One policy for every damaged PDF: refused unless it parses strictly and completely. Properties over many damage
 * positions: never an exception other than {@link FileRefused}, the same bytes always get the same answer, and a
 * damaged file that is accepted still reads exactly as the original did (the damage hit nothing that matters).
 */
class PdfDamageTests {

    private final UploadInspector inspector = new UploadInspector(UploadLimits.defaults());

    static Stream<Sample> damaged() {
        return HostileFiles.damagedPdfs().stream().filter(s -> !s.storable());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void eachKindOfDamageIsRefusedWithAMessage(Sample sample) {
        assertThatThrownBy(() -> inspector.inspect(sample.name(), sample.content()))
                .isInstanceOf(FileRefused.class)
                .hasMessageStartingWith("文件「" + sample.name() + "」被拒收: 文件已损坏：PDF ")
                .hasMessageContaining("请用原软件重新导出 PDF 后上传");
    }

    @Test
    void everyTruncationBeforeTheEndMarkerIsRefused() {
        byte[] pdf = RawPdf.onePage("Reply of the city education bureau").bytes();
        int end = new String(pdf, StandardCharsets.ISO_8859_1).lastIndexOf("%%EOF") + "%%EOF".length();

        for (int cut = 1; cut < end; cut++) {
            byte[] truncated = Arrays.copyOf(pdf, cut);

            assertThat(outcome(truncated)).as("cut at %d of %d", cut, pdf.length).isNotEmpty();
        }
        assertThat(outcome(Arrays.copyOf(pdf, end))).as("cut right after %%EOF").isEmpty();
    }

    @Test
    void randomByteChangesAreRefusedOrLeaveTheDocumentAsItWas() {
        byte[] original = HostileFiles.pdf(d -> { });
        String originalText = inspector.inspect("原件.pdf", original).text();
        Random random = new Random(20261130);
        int refused = 0;

        for (int trial = 0; trial < 300; trial++) {
            byte[] damaged = original.clone();
            int at = random.nextInt(damaged.length);
            damaged[at] ^= (byte) (1 + random.nextInt(255));

            Optional<String> first = outcome(damaged);
            Optional<String> second = outcome(damaged);

            assertThat(second).as("same answer twice, byte %d", at).isEqualTo(first);
            if (first.isPresent()) {
                refused++;
            } else {
                assertThat(inspector.inspect("损坏.pdf", damaged).text()).as("accepted change at byte %d", at)
                        .isEqualTo(originalText);
            }
        }
        assertThat(refused).as("most single-byte changes of a compressed PDF break it").isGreaterThan(200);
    }

    @Test
    void everyWrongOffsetInTheCrossReferenceTableIsRefused() {
        byte[] pdf = RawPdf.onePage("Reply of the city education bureau").bytes();
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher entry = java.util.regex.Pattern.compile("(\\d{10}) 00000 n").matcher(text);
        int offsets = 0;

        while (entry.find()) {
            for (int at = entry.start(1); at < entry.end(1); at++) {
                byte[] damaged = pdf.clone();
                damaged[at] = (byte) (pdf[at] == '9' ? '0' : pdf[at] + 1);

                assertThat(outcome(damaged)).as("offset digit at byte %d", at).isNotEmpty();
                offsets++;
            }
        }
        assertThat(offsets).isEqualTo(5 * 10);
    }

    /** The refusal reason, or empty when accepted; any other exception or error fails the test. */
    private Optional<String> outcome(byte[] pdf) {
        try {
            inspector.inspect("损坏.pdf", pdf);
            return Optional.empty();
        } catch (FileRefused refused) {
            return Optional.of(refused.reason());
        }
    }
}
