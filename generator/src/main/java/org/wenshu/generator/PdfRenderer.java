package org.wenshu.generator;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PagePosition;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.render.Box;
import com.openhtmltopdf.render.InlineLayoutBox;
import com.openhtmltopdf.render.DefaultObjectDrawerFactory;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgExternalResourceMode;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgScriptMode;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.w3c.dom.Document;
import org.wenshu.generator.UncoveredCharacters.UncoveredField;
import org.wenshu.generator.fonts.FontSet;
import org.wenshu.templates.InstrumentXhtml;
import org.wenshu.templates.PrintedField;
import org.wenshu.templates.TemplateRenderer;
import org.wenshu.templates.VerificationMark;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Prints a rendered instrument as PDF/A-2b (PDF/A 归档文件) with embedded fonts, an sRGB output intent and
 * document information (title, issuing unit, document number). Thread-safe; create once and share.
 */
public final class PdfRenderer {

    /** The key of the document-information entry that holds the document number (发文字号). */
    public static final String DOCUMENT_NUMBER_KEY = "DocumentNumber";

    /**
     * The key of the document-information entry that tells the signer where the unit signature (发文机关署名) and its
     * date were laid out: {@code "page left right baseline"}, the zero-based page, the signature block's left and
     * right edges and the date line's baseline, in PDF points from the page's lower left. The seal's placement reads
     * it instead of extracting the page's text again (a tenth of issuing); absent when the template has no signature.
     */
    public static final String SEAL_ANCHOR_KEY = "WenshuSealAnchor";

    /** The ids the templates give the signature block and the date under it (layout.ftlh, macro closing). */
    private static final String SEAL_BLOCK_ID = "wenshu-seal";
    private static final String SEAL_DATE_ID = "wenshu-seal-date";
    private static final java.util.regex.Pattern SEAL_IDS = java.util.regex.Pattern.compile("^wenshu-seal(-date)?$");

    private final FontSet fonts;
    // PDF/A requires an output intent; the JDK's built-in sRGB profile needs no file and no download.
    private final PdfA pdfA = new PdfA(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
    private final Clock clock;
    private final DocumentBuilderFactory parsers = hardenedFactory();
    private final DefaultObjectDrawerFactory objects = new DefaultObjectDrawerFactory();

    /**
     * A renderer printing in the given fonts.
     *
     * @throws IllegalArgumentException when the set lacks a family the templates use
     */
    public PdfRenderer(FontSet fonts) {
        this(fonts, Clock.systemUTC());
    }

    /** A renderer stamping documents with the time of {@code clock}. */
    public PdfRenderer(FontSet fonts, Clock clock) {
        this.fonts = Objects.requireNonNull(fonts, "fonts");
        this.clock = Objects.requireNonNull(clock, "clock");
        OpenHtmlToPdfLogging.install();
        objects.registerDrawer(VerificationMark.OBJECT_TYPE, new QrCodeDrawer());
        List<String> missing = TemplateRenderer.FONT_FAMILIES.stream()
                .filter(family -> !fonts.families().contains(family)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("字体配置缺少字体族：" + String.join("、", missing));
        }
    }

    /**
     * Checks that every character of every field can be printed, then prints the instrument.
     *
     * @return the PDF/A-2b file
     * @throws UncoveredCharacters naming each field with characters no font covers
     */
    public RenderedPdf render(InstrumentXhtml instrument) {
        checkCoverage(instrument);
        Document xhtml = parse(instrument.xhtml());
        try (PDDocument document = new PDDocument()) {
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .useFastMode()
                    .usePDDocument(document)
                    .withProducer(PdfA.PRODUCER)
                    // The templates need nothing outside the document; nothing may be fetched while printing.
                    .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    // Inline <svg> (the yearly report's charts) is drawn as vector paths
                    // through Batik: no bitmaps, no scripts, nothing fetched.
                    .useSVGDrawer(new BatikSVGDrawer(SvgScriptMode.SECURE, SvgExternalResourceMode.SECURE))
                    // The verification QR code is filled as one path by our own drawer (see QrCodeDrawer).
                    .useObjectDrawerFactory(objects)
                    .withW3cDocument(xhtml, null);
            fonts.registerWith(builder, document, familiesFor(instrument), instrument.xhtml());
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.createPDFWithoutClosing();
                requireEmbeddedFonts(document);
                pdfA.apply(document, instrument.metadata(), ZonedDateTime.now(clock));
                sealAnchor(renderer).ifPresent(anchor ->
                        document.getDocumentInformation().setCustomMetadataValue(SEAL_ANCHOR_KEY, anchor));
                ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
                document.save(pdf);
                return new RenderedPdf(pdf.toByteArray(), document.getNumberOfPages());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        }
    }

    /** The {@link #SEAL_ANCHOR_KEY} value from the laid-out boxes of the signature block and its date. */
    private static java.util.Optional<String> sealAnchor(PdfBoxRenderer renderer) {
        PagePosition<Box> block = null;
        PagePosition<Box> date = null;
        for (PagePosition<Box> position : renderer.findPagePositionsByID(SEAL_IDS)) {
            if (position.getId().equals(SEAL_BLOCK_ID)) {
                block = position;
            } else if (position.getId().equals(SEAL_DATE_ID)) {
                date = position;
            }
        }
        if (block == null || date == null || !(date.getElement() instanceof InlineLayoutBox line)) {
            return java.util.Optional.empty();
        }
        // Positions are in points from the page's lower left; the inline box's baseline in dots from its top.
        float baseline = date.getY() + date.getHeight() - line.getBaseline() / renderer.getDotsPerPoint();
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%d %.2f %.2f %.2f", date.getPageNo(),
                block.getX(), block.getX() + block.getWidth(), baseline));
    }

    /**
     * Finds the characters of each field that no font covers.
     *
     * @throws UncoveredCharacters if any
     */
    public void checkCoverage(InstrumentXhtml instrument) {
        List<UncoveredField> uncovered = new ArrayList<>();
        for (PrintedField field : instrument.fields()) {
            // Only families the stylesheet's font lists name can print a character; others are never tried.
            Set<Integer> missing = fonts.uncovered(field.text(), fallbackOrder());
            if (!missing.isEmpty()) {
                uncovered.add(new UncoveredField(field.field(), field.label(), List.copyOf(missing)));
            }
        }
        if (!uncovered.isEmpty()) {
            throw new UncoveredCharacters(uncovered);
        }
    }

    /** The families the document's styles use, plus fallbacks for characters they lack (fields and template text). */
    private List<String> familiesFor(InstrumentXhtml instrument) {
        return fonts.familiesFor(instrument.fontFamilies(), fallbackOrder(), instrument.xhtml());
    }

    private static List<String> fallbackOrder() {
        List<String> order = new ArrayList<>(TemplateRenderer.FONT_FAMILIES);
        order.add(TemplateRenderer.FALLBACK_FONT_FAMILY);
        return order;
    }

    /**
     * openhtmltopdf falls back to the non-embedded standard 14 fonts for text no registered family covers, which
     * PDF/A forbids. Field text is checked before rendering; this catches template text as well.
     *
     * <p>Reads the font dictionaries rather than {@link PDResources#getFont}: building a {@code PDType0Font} from a
     * dictionary parses the widths of every glyph of the CJK font again, once per page (a quarter of a render).
     */
    static void requireEmbeddedFonts(PDDocument document) {
        for (PDPage page : document.getPages()) {
            PDResources resources = page.getResources();
            COSDictionary fonts = resources == null ? null : resources.getCOSObject().getCOSDictionary(COSName.FONT);
            if (fonts == null) {
                continue;
            }
            for (COSName name : fonts.keySet()) {
                COSDictionary font = fonts.getCOSDictionary(name);
                // Before saving, a subset font is not embedded yet; every font of ours is a Type 0 font.
                if (font == null || !COSName.TYPE0.equals(font.getCOSName(COSName.SUBTYPE))) {
                    String base = font == null ? name.getName() : font.getNameAsString(COSName.BASE_FONT);
                    throw new IllegalStateException("template text printed in non-embedded font " + base);
                }
            }
        }
    }

    private Document parse(String xhtml) {
        try {
            DocumentBuilder parser;
            synchronized (parsers) {
                parser = parsers.newDocumentBuilder();
            }
            return parser.parse(new InputSource(new StringReader(xhtml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("template produced malformed XHTML: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        try {
            // XXE off: no DOCTYPE, no external entities, no XInclude.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
