package org.wenshu.generator.verification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Certificates and CRLs in the document security store (/DSS, ETSI EN 319 142-1 5.4), the long-term validation
 * data B-LT adds after a signature.
 *
 * @param present      whether the document has a /DSS at all
 * @param certificates its /Certs
 * @param crls         its /CRLs
 */
record ValidationData(boolean present, List<X509Certificate> certificates, List<X509CRL> crls) {

    private static final COSName DSS = COSName.getPDFName("DSS");

    /** Reads the document's /DSS; throws when it holds an unreadable certificate or CRL. */
    static ValidationData read(PDDocument document) throws IOException {
        COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(DSS);
        if (dss == null) {
            return new ValidationData(false, List.of(), List.of());
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] encoded : streams(dss.getCOSArray(COSName.getPDFName("Certs")))) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(encoded)));
            }
            for (byte[] encoded : streams(dss.getCOSArray(COSName.getPDFName("CRLs")))) {
                crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(encoded)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("the document security store holds an unreadable certificate or CRL", e);
        }
        return new ValidationData(true, certificates, crls);
    }

    /** Whether the revision ending at {@code length} already had a /DSS. */
    static boolean inRevision(byte[] pdf, int length) {
        try (PDDocument revision = Loader.loadPDF(Arrays.copyOf(pdf, length))) {
            return revision.getDocumentCatalog().getCOSObject().getCOSDictionary(DSS) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<byte[]> streams(COSArray array) throws IOException {
        List<byte[]> result = new ArrayList<>();
        if (array == null) {
            return result;
        }
        for (int i = 0; i < array.size(); i++) {
            COSBase item = array.get(i);
            COSBase resolved = item instanceof COSObject object ? object.getObject() : item;
            if (resolved instanceof COSStream stream) {
                try (var in = stream.createInputStream()) {
                    result.add(in.readAllBytes());
                }
            }
        }
        return result;
    }
}
