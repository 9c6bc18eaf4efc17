package org.wenshu.generator.verification;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;

/**
 * Compares the revision a signature covers with the final document: what a reader sees (pages, their content
 * streams, images and forms, annotations other than signature widgets) must be unchanged; later signatures, document
 * timestamps and validation data are the allowed incremental updates (PAdES, ISO 32000-2 12.8.2.2).
 */
final class RevisionComparison {

    private RevisionComparison() {
    }

    /** Compares the signed revision (the file's first {@code signedLength} bytes) with the whole document. */
    static ChangesAfterSigning compare(byte[] pdf, int signedLength, PDDocument whole, int laterSignatures,
                                       int laterTimestamps, boolean dssAdded) throws IOException {
        List<String> contentChanges = new ArrayList<>();
        try (PDDocument signed = Loader.loadPDF(Arrays.copyOf(pdf, signedLength))) {
            if (signed.getNumberOfPages() != whole.getNumberOfPages()) {
                contentChanges.add("page count changed from " + signed.getNumberOfPages() + " to " + whole.getNumberOfPages()
                        + " (签名后页数由 " + signed.getNumberOfPages() + " 变为 " + whole.getNumberOfPages() + ")");
            } else {
                for (int i = 0; i < whole.getNumberOfPages(); i++) {
                    PDPage before = signed.getPage(i);
                    PDPage after = whole.getPage(i);
                    if (!Arrays.equals(fingerprint(before), fingerprint(after))) {
                        contentChanges.add("page " + (i + 1) + " content changed after signing (第 " + (i + 1) + " 页签名后内容被修改)");
                    }
                    List<String> annotationsBefore = visibleAnnotations(before);
                    List<String> annotationsAfter = visibleAnnotations(after);
                    if (!annotationsBefore.equals(annotationsAfter)) {
                        contentChanges.add("page " + (i + 1) + " annotations changed after signing: "
                                + annotationsBefore + " -> " + annotationsAfter + " (第 " + (i + 1) + " 页签名后批注被修改)");
                    }
                }
            }
        }
        if (!contentChanges.isEmpty()) {
            return new ChangesAfterSigning(ChangesAfterSigning.Kind.CONTENT_CHANGED, contentChanges);
        }
        List<String> allowed = new ArrayList<>();
        if (laterSignatures > 0) {
            allowed.add(laterSignatures + " later signature(s)");
        }
        if (laterTimestamps > 0) {
            allowed.add(laterTimestamps + " document timestamp(s)");
        }
        if (dssAdded) {
            allowed.add("validation data (DSS)");
        }
        if (allowed.isEmpty()) {
            allowed.add("an incremental update without visible changes");
        }
        return new ChangesAfterSigning(ChangesAfterSigning.Kind.ALLOWED_INCREMENTAL_UPDATES, allowed);
    }

    /** SHA-256 over what draws the page: content streams, media box, and the XObjects its resources name. */
    private static byte[] fingerprint(PDPage page) throws IOException {
        MessageDigest digest = sha256();
        digest.update(page.getMediaBox().toString().getBytes());
        try (InputStream contents = page.getContents()) {
            digest.update(contents.readAllBytes());
        }
        addResources(digest, page.getResources(), 0);
        return digest.digest();
    }

    private static void addResources(MessageDigest digest, PDResources resources, int depth) throws IOException {
        if (resources == null || depth > 4) {
            return;
        }
        for (COSName name : resources.getXObjectNames()) {
            digest.update(name.getName().getBytes());
            PDXObject xobject = resources.getXObject(name);
            if (xobject == null) {
                continue;
            }
            try (InputStream in = xobject.getStream().createInputStream()) {
                digest.update(in.readAllBytes());
            }
            if (xobject instanceof PDFormXObject form) {
                addResources(digest, form.getResources(), depth + 1);
            }
        }
        for (COSName name : resources.getFontNames()) {
            digest.update(name.getName().getBytes());
        }
    }

    /** Annotations a reader sees, except signature widgets (later signatures add those legitimately). */
    private static List<String> visibleAnnotations(PDPage page) throws IOException {
        List<String> visible = new ArrayList<>();
        for (PDAnnotation annotation : page.getAnnotations()) {
            boolean signatureWidget = annotation instanceof PDAnnotationWidget
                    && COSName.SIG.equals(annotation.getCOSObject().getCOSName(COSName.FT));
            if (!signatureWidget) {
                visible.add(annotation.getSubtype() + "@" + annotation.getRectangle());
            }
        }
        return visible;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
