package org.wenshu.generator.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeCheckTests {

    private static final String HEAD = "%PDF-1.7\n1 0 obj <</Contents ";
    private static final String GAP = "<0a1b>";
    private static final String REVISION_TAIL = " >> endobj\nxref\n0 1\ntrailer <<>>\nstartxref\n9\n%%EOF";

    /** A byte range [0 a b c] whose second part ends {@code end} bytes into the file. */
    private static int[] range(int end) {
        int gapStart = HEAD.length();
        int gapEnd = gapStart + GAP.length();
        return new int[] {0, gapStart, gapEnd, end - gapEnd};
    }

    private static byte[] file(String afterEof) {
        return (HEAD + GAP + REVISION_TAIL + afterEof).getBytes(StandardCharsets.US_ASCII);
    }

    private static int revisionEnd() {
        return (HEAD + GAP + REVISION_TAIL).length();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n", "\r"})
    void rangeEndingAtItsEofIsAcceptedWhateverTheEndOfLine(String eol) {
        byte[] pdf = file(eol + "1 0 obj <<>> endobj\n");

        assertThat(ByteRangeCheck.coversRevision(pdf, range(revisionEnd()))).isEmpty();
        assertThat(ByteRangeCheck.coversRevision(pdf, range(revisionEnd() + eol.length()))).isEmpty();
    }

    @Test
    void rangeStoppingBeforeTheCrossReferenceIsAViolation() {
        byte[] pdf = file("\n");
        int xref = (HEAD + GAP + " >> endobj\n").length();

        assertThat(ByteRangeCheck.coversRevision(pdf, range(xref))).get()
                .satisfies(violation -> {
                    assertThat(violation.rule()).isEqualTo(SignaturePolicy.Rule.BYTE_RANGE);
                    assertThat(violation.detail()).contains("止于偏移 " + xref, "未被签名");
                });
    }

    @Test
    void rangeLeavingOutOnlyTheEofMarkerIsAViolation() {
        byte[] pdf = file("\n");

        assertThat(ByteRangeCheck.coversRevision(pdf, range(revisionEnd() - 1))).isPresent();
    }

    @Test
    void rangeReachingIntoTheNextRevisionIsAViolation() {
        byte[] pdf = file("\n% later update\n");

        assertThat(ByteRangeCheck.coversRevision(pdf, range(pdf.length))).get()
                .extracting(PolicyViolation::detail).asString().contains("越过");
    }

    @Test
    void gapHoldingMoreThanHexIsAnIntegrityProblem() {
        byte[] pdf = (HEAD + "<0a1b> /Extra (x) " + REVISION_TAIL).getBytes(StandardCharsets.US_ASCII);
        int gapEnd = (HEAD + "<0a1b> /Extra (x) ").length();
        List<String> problems = new ArrayList<>();

        byte[] signed = ByteRangeCheck.signedBytes(pdf, new int[] {0, HEAD.length(), gapEnd, pdf.length - gapEnd}, problems);

        assertThat(signed).isNull();
        assertThat(problems).singleElement().asString().contains("integrity");
    }
}
