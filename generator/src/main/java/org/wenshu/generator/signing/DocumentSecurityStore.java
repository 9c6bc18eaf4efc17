package org.wenshu.generator.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;

/**
 * Adds certificates and CRLs to the PDF's document security store (/DSS, ISO 32000-2 12.8.4.3), as an incremental
 * update, which is what turns a B-T signature into B-LT.
 */
final class DocumentSecurityStore {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName CERTS = COSName.getPDFName("Certs");
    private static final COSName CRLS = COSName.getPDFName("CRLs");
    private static final COSName VRI = COSName.getPDFName("VRI");
    private static final COSName CERT = COSName.getPDFName("Cert");
    private static final COSName CRL = COSName.getPDFName("CRL");

    private DocumentSecurityStore() {
    }

    /**
     * Returns {@code pdf} with the given validation data added; {@code signatureContents} (the CMS of the signature
     * it serves) names the VRI entry, so readers can tell which data belongs to which signature.
     */
    static byte[] add(byte[] pdf, byte[] signatureContents, Collection<X509Certificate> certificates,
                      Collection<X509CRL> crls) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            COSDictionary dss = catalog.getCOSObject().getCOSDictionary(DSS);
            if (dss == null) {
                dss = new COSDictionary();
                dss.setDirect(false);
                catalog.getCOSObject().setItem(DSS, dss);
            }
            COSArray certArray = array(dss, CERTS);
            COSArray crlArray = array(dss, CRLS);
            COSArray vriCerts = new COSArray();
            COSArray vriCrls = new COSArray();
            for (X509Certificate certificate : certificates) {
                vriCerts.add(addOnce(document, certArray, certificate.getEncoded()));
            }
            for (X509CRL crl : crls) {
                vriCrls.add(addOnce(document, crlArray, crl.getEncoded()));
            }
            COSDictionary vri = dss.getCOSDictionary(VRI);
            if (vri == null) {
                vri = new COSDictionary();
                dss.setItem(VRI, vri);
            }
            COSDictionary entry = new COSDictionary();
            entry.setItem(CERT, vriCerts);
            entry.setItem(CRL, vriCrls);
            // The VRI key is the uppercase hex SHA-1 of the signature's /Contents (PAdES part 4).
            String key = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(signatureContents));
            vri.setItem(COSName.getPDFName(key), entry);

            Set<COSDictionary> changed = new HashSet<>();
            changed.add(catalog.getCOSObject());
            changed.add(dss);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 32 * 1024);
            // Incremental: the signed revision stays byte for byte, the DSS is appended after it.
            document.saveIncremental(out, changed);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new SigningFailed("cannot add validation data to the PDF: " + e.getMessage(), e);
        }
    }

    private static COSArray array(COSDictionary dss, COSName name) {
        COSArray array = dss.getCOSArray(name);
        if (array == null) {
            array = new COSArray();
            dss.setItem(name, array);
        }
        return array;
    }

    /** Adds a stream with {@code encoded} unless the array already holds one with the same bytes; returns it. */
    private static COSBase addOnce(PDDocument document, COSArray array, byte[] encoded) throws IOException {
        for (int i = 0; i < array.size(); i++) {
            COSBase item = array.get(i);
            COSBase resolved = item instanceof COSObject object ? object.getObject() : item;
            if (resolved instanceof COSStream stream) {
                try (var in = stream.createInputStream()) {
                    if (java.util.Arrays.equals(in.readAllBytes(), encoded)) {
                        return item;
                    }
                }
            }
        }
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(encoded);
        }
        array.add(stream);
        return stream;
    }
}
