package org.wenshu.app.pages;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.wenshu.app.TestPdfs;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.wenshu.archive.Archive;

/** Files for the public verification tests: the sealed PDF of an issued record, tampered copies, an unsigned PDF. */
final class PublicVerificationTesting {

    private PublicVerificationTesting() {
    }

    /** The sealed {@code instrument.pdf} of record {@code id} as archived. */
    static byte[] sealedPdf(Archive archive, String id) {
        String key = archive.find(id).orElseThrow().objects().stream()
                .filter(o -> o.key().endsWith("/instrument.pdf")).findFirst().orElseThrow().key();
        return archive.read(key).orElseThrow();
    }

    /** The sealed PDF with a black box drawn over page 1 in an incremental update, as an editor would save it. */
    static byte[] withPageChanged(byte[] sealed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = Loader.loadPDF(sealed)) {
            PDPage page = document.getPage(0);
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true)) {
                content.addRect(300, 440, 200, 40);
                content.fill();
            }
            page.getCOSObject().setNeedToBeUpdated(true);
            document.saveIncremental(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The sealed PDF with one byte of a comment inside the signed range flipped: the signature no longer matches. */
    static byte[] withByteFlipped(byte[] sealed) {
        byte[] tampered = sealed.clone();
        String text = new String(tampered, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\n%") + 2;
        tampered[at] ^= 0x01;
        return tampered;
    }

    /** A one-page PDF without any signature. */
    static byte[] unsignedPdf(String line) {
        return TestPdfs.onePage(line);
    }

    /** SHA-256 of {@code content}, lower-case hex. */
    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of every QR code found on page {@code index} rendered at 200 dpi (PDFBox), decoded with ZXing. */
    static String qrCodeOnPage(byte[] pdf, int index) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(index, 200, ImageType.RGB);
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code on page " + (index + 1), e);
        }
    }
}
