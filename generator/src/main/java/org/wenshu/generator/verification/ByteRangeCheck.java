package org.wenshu.generator.verification;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a signature's /ByteRange [a b c d] against the file: it starts at 0, its gap holds only the hex /Contents,
 * and it covers the signature's own revision up to that revision's {@code %%EOF}.
 *
 * <p>Why the end matters: the bytes after the signed range are not protected. If the range stops before the
 * revision's cross-reference section and trailer, whoever edits those unsigned bytes can point the document at other
 * objects while the signature still verifies (ISO 32000-1 12.8.1: the range covers the whole file as it was signed,
 * except the /Contents value; ETSI EN 319 142-1 5.1). Only the end-of-line after {@code %%EOF} may stay outside.</p>
 */
final class ByteRangeCheck {

    private static final byte[] EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    private ByteRangeCheck() {
    }

    /** The signed bytes, or null with a problem added when the range does not fit the file or hides data in its gap. */
    static byte[] signedBytes(byte[] pdf, int[] range, List<String> problems) {
        long firstEnd = (long) range[0] + range[1];
        long secondEnd = (long) range[2] + range[3];
        if (range[0] != 0 || range[1] < 0 || range[3] < 0 || range[2] < firstEnd || secondEnd > pdf.length) {
            problems.add("integrity: the signature's /ByteRange " + Arrays.toString(range)
                    + " does not fit the file (" + pdf.length + " bytes) (签名字节范围与文件不符)");
            return null;
        }
        // The gap must hold exactly the hex string /Contents and nothing a forger could slip in.
        byte[] gap = Arrays.copyOfRange(pdf, range[1], range[2]);
        if (gap.length < 2 || gap[0] != '<' || gap[gap.length - 1] != '>' || !isHex(gap, 1, gap.length - 1)) {
            problems.add("integrity: the unsigned gap in /ByteRange holds more than the signature value (签名间隙含有其他数据)");
            return null;
        }
        byte[] signed = new byte[range[1] + range[3]];
        System.arraycopy(pdf, 0, signed, 0, range[1]);
        System.arraycopy(pdf, range[2], signed, range[1], range[3]);
        return signed;
    }

    /**
     * Whether the range ends where the signature's revision ends: at the first {@code %%EOF} after /Contents, plus at
     * most one end-of-line. Call only for a range {@link #signedBytes} accepted.
     */
    static Optional<PolicyViolation> coversRevision(byte[] pdf, int[] range) {
        long end = (long) range[2] + range[3];
        int eof = indexOf(pdf, EOF, range[2]);
        if (eof < 0) {
            return Optional.of(violation("签名所在的修订版本没有 %%EOF 结束标记（字节范围止于偏移 " + end + "）"));
        }
        int revisionEnd = eof + EOF.length;
        int withEol = revisionEnd + endOfLine(pdf, revisionEnd);
        if (end < revisionEnd) {
            return Optional.of(violation("字节范围止于偏移 " + end + "，而其修订版本至 %%EOF 止于偏移 " + revisionEnd
                    + "：其间 " + (revisionEnd - end) + " 字节（交叉引用表、文件尾等）未被签名，可被改写以改变文档"));
        }
        if (end > withEol) {
            return Optional.of(violation("字节范围止于偏移 " + end + "，越过了其修订版本的 %%EOF（止于偏移 " + revisionEnd
                    + "），覆盖了不属于该签名修订版本的数据"));
        }
        return Optional.empty();
    }

    private static PolicyViolation violation(String detail) {
        return new PolicyViolation(SignaturePolicy.Rule.BYTE_RANGE, detail);
    }

    /** The length of the end-of-line marker at {@code at}: CR LF, LF or CR (ISO 32000-1 7.5.5), else 0. */
    private static int endOfLine(byte[] pdf, int at) {
        if (at < pdf.length && pdf[at] == '\r') {
            return at + 1 < pdf.length && pdf[at + 1] == '\n' ? 2 : 1;
        }
        return at < pdf.length && pdf[at] == '\n' ? 1 : 0;
    }

    private static boolean isHex(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            boolean hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
