package org.wenshu.generator.verification;

import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.DomXmpParser;

/** The PDF/A part and conformance a document's XMP metadata claims (ISO 19005 6.6.4): a claim, not a validation. */
final class PdfAClaim {

    private PdfAClaim() {
    }

    /** E.g. {@code PDF/A-2B}; empty without metadata or a pdfaid schema. */
    static Optional<String> of(PDDocument document) {
        PDMetadata metadata = document.getDocumentCatalog().getMetadata();
        if (metadata == null) {
            return Optional.empty();
        }
        try (var in = metadata.exportXMPMetadata()) {
            DomXmpParser parser = new DomXmpParser();
            parser.setStrictParsing(false);
            XMPMetadata xmp = parser.parse(in.readAllBytes());
            PDFAIdentificationSchema id = xmp.getPDFAIdentificationSchema();
            if (id == null || id.getPart() == null) {
                return Optional.empty();
            }
            return Optional.of("PDF/A-" + id.getPart() + Optional.ofNullable(id.getConformance()).orElse(""));
        } catch (Exception e) {
            // Unreadable XMP claims nothing; the signatures are judged regardless.
            return Optional.empty();
        }
    }
}
