package org.wenshu.generator.signing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;

/**
 * Writes one signature (or document timestamp) as an incremental update whose /Contents is exactly as long as the
 * CMS it holds.
 *
 * <p>Why exactly: the usual practice reserves a generous /Contents and leaves zero bytes after the DER object.
 * Bouncy Castle 1.85+ parses CMS strictly and rejects that trailing padding, so validators built on it (EU DSS)
 * then see no signature at all. We therefore learn the CMS length from one pass and, if the guess was wrong,
 * write the update again with the reserved size equal to that length. The length can still change between passes
 * (an ECDSA signature, a TSA token whose time drops a trailing fraction digit), hence the bounded retry.</p>
 */
final class ExactLengthSigning {

    private static final int MAX_ATTEMPTS = 8;

    /** Adds the signature dictionary (with {@code reservedBytes} of /Contents) to a freshly loaded document. */
    interface Preparation {
        /** Returns what must stay open until the document is saved (e.g. the visible signature template). */
        Closeable prepare(PDDocument document, int reservedBytes) throws IOException;
    }

    /** Produces the /Contents bytes for the signed byte range. */
    interface Contents {
        byte[] sign(byte[] signedBytes);
    }

    /** The signed document, the /Contents length it settled on and those /Contents bytes (the CMS or token). */
    record Signed(byte[] pdf, int contentsLength, byte[] contents) {
    }

    private ExactLengthSigning() {
    }

    static Signed sign(byte[] pdf, Preparation preparation, Contents contents, int guess) {
        int reserved = guess;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try (PDDocument document = Loader.loadPDF(pdf);
                 Closeable keepOpen = preparation.prepare(document, reserved)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * reserved + 16 * 1024);
                ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
                byte[] signedBytes;
                try (InputStream content = external.getContent()) {
                    signedBytes = content.readAllBytes();
                }
                byte[] cms = contents.sign(signedBytes);
                if (cms.length == reserved) {
                    external.setSignature(cms);
                    return new Signed(out.toByteArray(), reserved, cms);
                }
                reserved = cms.length;
            } catch (IOException e) {
                throw new SigningFailed("cannot write the signature into the PDF: " + e.getMessage(), e);
            }
        }
        throw new SigningFailed("the signature length did not settle after " + MAX_ATTEMPTS + " attempts");
    }
}
