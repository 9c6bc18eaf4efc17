package org.wenshu.generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.GregorianCalendar;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.wenshu.templates.InstrumentMetadata;

/**
 * Makes a rendered document claim PDF/A-2b: sRGB output intent, XMP metadata and document information that
 * agree with each other (ISO 19005-2, 6.2.3 and 6.6).
 *
 * <p>openhtmltopdf can do this itself, but it builds the XMP through xmpbox's type registry and a DOM
 * serializer for every document, an eighth of a render; the packet here is fixed but for five escaped values.
 */
final class PdfA {

    static final String PRODUCER = "wenshu";
    private static final String SRGB = "sRGB IEC61966-2.1";
    private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final byte[] iccProfile;

    PdfA(byte[] iccProfile) {
        this.iccProfile = iccProfile;
    }

    void apply(PDDocument document, InstrumentMetadata metadata, ZonedDateTime created) throws IOException {
        // XMP and the info dictionary must carry the same instant; both hold whole seconds only.
        ZonedDateTime when = created.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(metadata.title());
        info.setAuthor(metadata.issuingUnit());
        info.setSubject(metadata.documentNumber());
        info.setKeywords(metadata.typeName());
        info.setCreator(PRODUCER);
        info.setProducer(PRODUCER);
        info.setCreationDate(GregorianCalendar.from(when));
        info.setModificationDate(GregorianCalendar.from(when));
        info.setCustomMetadataValue(PdfRenderer.DOCUMENT_NUMBER_KEY, metadata.documentNumber());

        PDDocumentCatalog catalog = document.getDocumentCatalog();
        PDMetadata xmp = new PDMetadata(document);
        xmp.importXMPMetadata(xmp(metadata, XMP_DATE.format(when)).getBytes(StandardCharsets.UTF_8));
        catalog.setMetadata(xmp);

        PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(iccProfile));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);
    }

    private static String xmp(InstrumentMetadata metadata, String date) {
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
                + "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<dc:format>application/pdf</dc:format>"
                + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape(metadata.title()) + "</rdf:li></rdf:Alt></dc:title>"
                + "<dc:creator><rdf:Seq><rdf:li>" + escape(metadata.issuingUnit()) + "</rdf:li></rdf:Seq></dc:creator>"
                + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape(metadata.documentNumber())
                + "</rdf:li></rdf:Alt></dc:description></rdf:Description>\n"
                + "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
                + "<pdf:Producer>" + PRODUCER + "</pdf:Producer>"
                + "<pdf:Keywords>" + escape(metadata.typeName()) + "</pdf:Keywords></rdf:Description>\n"
                + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
                + "<xmp:CreatorTool>" + PRODUCER + "</xmp:CreatorTool>"
                + "<xmp:CreateDate>" + date + "</xmp:CreateDate><xmp:ModifyDate>" + date + "</xmp:ModifyDate>"
                + "</rdf:Description>\n"
                + "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
