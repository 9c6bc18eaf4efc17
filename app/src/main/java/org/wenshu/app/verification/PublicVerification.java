package org.wenshu.app.verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.wenshu.archive.Archive;
import org.wenshu.archive.VerifiableRecord;
import org.wenshu.archive.uploads.FileRefused;
import org.wenshu.archive.uploads.InspectedFile;
import org.wenshu.archive.uploads.UploadInspector;
import org.wenshu.generator.verification.PdfVerifier;
import org.wenshu.generator.verification.UnreadablePdf;

/**
 * 公开核验: what anyone may learn without signing in — the public summary of a record by its verification code, and
 * the verdict on an uploaded PDF after the archive's upload inspection (type from the content, hostile PDFs refused).
 */
public final class PublicVerification {

    private final ObjectProvider<Archive> archive;
    private final ObjectProvider<PdfVerifier> verifier;
    private final UploadInspector inspector;
    private final long maxBytes;
    private final ZoneId zone;

    /**
     * @param maxBytes the largest file looked at; larger ones are refused before inspection
     */
    public PublicVerification(ObjectProvider<Archive> archive, ObjectProvider<PdfVerifier> verifier,
                              UploadInspector inspector, long maxBytes, ZoneId zone) {
        this.archive = archive;
        this.verifier = verifier;
        this.inspector = inspector;
        this.maxBytes = maxBytes;
        this.zone = zone;
    }

    /** The public summary of the record printed with {@code code}; a miss costs the same lookup as a hit. */
    public Optional<VerifiableRecord> summary(String code) {
        return archive.getObject().verifiable(code);
    }

    /** The zone dates are shown in. */
    public ZoneId zone() {
        return zone;
    }

    /** The largest file looked at, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Inspects and verifies an uploaded file.
     *
     * @throws UploadRefused 400 {@code file-missing} without a file, 413 {@code upload-too-large} past
     *                       {@link #maxBytes()}, 415 {@code not-pdf} for anything but a PDF, 422 {@code file-refused}
     *                       for a PDF the upload inspection refuses (encrypted, damaged, active content) or the
     *                       verifier cannot read
     */
    public PublicVerdict verify(String name, byte[] content) {
        if (content == null || content.length == 0) {
            throw new UploadRefused(HttpStatus.BAD_REQUEST, "file-missing", "请选择要验证的 PDF 文件（字段 file）");
        }
        if (content.length > maxBytes) {
            throw new UploadRefused(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large",
                    "文件过大：" + megabytes(content.length) + "，只验证不超过 " + megabytes(maxBytes) + " 的 PDF 文件");
        }
        if (!looksLikePdf(content)) {
            throw new UploadRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not-pdf",
                    "这不是 PDF 文件：只能验证本系统签发的 PDF 文书");
        }
        InspectedFile inspected;
        try {
            // The name only labels messages: the type comes from the content.
            inspected = inspector.inspect("待验证文件.pdf", content);
        } catch (FileRefused refused) {
            throw new UploadRefused(HttpStatus.UNPROCESSABLE_CONTENT, "file-refused", "文件被拒绝：" + refused.reason());
        }
        if (!UploadInspector.PDF.equals(inspected.mediaType())) {
            throw new UploadRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not-pdf", "这不是 PDF 文件：只能验证本系统签发的 PDF 文书");
        }
        try {
            return PublicVerdict.of(verifier.getObject().verify(content), sha256(content), zone);
        } catch (UnreadablePdf unreadable) {
            throw new UploadRefused(HttpStatus.UNPROCESSABLE_CONTENT, "file-refused",
                    "文件无法读取，不能验证签章：" + unreadable.getMessage());
        }
    }

    /** A PDF starts with {@code %PDF-} within its first 1024 bytes (ISO 32000-2, 7.5.2 as readers apply it). */
    private static boolean looksLikePdf(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 1024), StandardCharsets.ISO_8859_1);
        return head.contains("%PDF-");
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
