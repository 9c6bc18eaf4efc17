package org.wenshu.generator.signing;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.graphics.blend.BlendMode;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * Draws the round red seal as the visible signature's appearance: a ring, the unit name along the upper arc, a
 * five-pointed star in the centre and the role text below it.
 *
 * <p>Text is drawn as glyph outlines taken from the shipped fonts rather than as PDF text: the appearance then
 * carries no font program (nothing to subset inside an incremental update, nothing for PDF/A font rules to
 * catch), and the seal's characters are not extracted as document text.</p>
 */
final class SealArtwork {

    /** Seal red (close to the vermilion of seal ink), drawn in DeviceRGB, which the sRGB output intent covers. */
    private static final float[] SEAL_RED = {0.86f, 0.08f, 0.09f};

    private static final FontRenderContext OUTLINES = new FontRenderContext(null, true, true);

    // Read on the first seal drawn: AWT copies each font file to a temporary file, about a second per start.
    private final Supplier<List<Font>> fontLoader;
    private volatile List<Font> fonts;
    /** Recent templates: the same seal at the same place is drawn once (outlines and a PDF save per seal are slow). */
    private final Map<String, byte[]> templates = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > 32;
        }
    });

    private SealArtwork(Supplier<List<Font>> fontLoader) {
        this.fontLoader = fontLoader;
    }

    /**
     * Seals lettered in the shipped fonts, loaded once when the first seal is drawn (Hei first, as real seals use a
     * plain sans; WenKai covers rare characters).
     */
    static SealArtwork withShippedFonts() {
        return new SealArtwork(() -> List.of(loadFont("/fonts/wqy-zenhei.ttc"), loadFont("/fonts/LXGWWenKai-Regular.ttf")));
    }

    /** Loads the fonts now if that has not happened yet. */
    void prepare() {
        fonts();
    }

    private List<Font> fonts() {
        List<Font> current = fonts;
        if (current == null) {
            synchronized (this) {
                current = fonts;
                if (current == null) {
                    current = fontLoader.get();
                    fonts = current;
                }
            }
        }
        return current;
    }

    private static Font loadFont(String resource) {
        try (InputStream in = SealArtwork.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the classpath");
            }
            return resource.endsWith(".ttc") ? Font.createFonts(in)[0] : Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + resource, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("font " + resource + " is not a TrueType font", e);
        }
    }

    /**
     * Builds the single-page template document PDFBox merges in as the visible signature: a signature field whose
     * widget sits at {@code rectangle} on a page the size of {@code page}.
     */
    InputStream template(PDRectangle page, PDRectangle rectangle, SealAppearance seal, String fieldName) throws IOException {
        String key = page + "|" + rectangle + "|" + seal.unitName() + "|" + seal.roleText() + "|" + fieldName + "|"
                + seal.image().map(Arrays::hashCode).orElse(0) + "|" + seal.image().map(image -> image.length).orElse(0);
        byte[] cached = templates.get(key);
        if (cached == null) {
            cached = drawTemplate(page, rectangle, seal, fieldName);
            templates.put(key, cached);
        }
        return new ByteArrayInputStream(cached);
    }

    private byte[] drawTemplate(PDRectangle page, PDRectangle rectangle, SealAppearance seal, String fieldName)
            throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage templatePage = new PDPage(page);
            document.addPage(templatePage);
            PDAcroForm form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
            PDSignatureField field = new PDSignatureField(form);
            field.setPartialName(fieldName);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(rectangle);
            // PDF/A: annotations must be printable and not hidden.
            widget.setPrinted(true);
            form.getFields().add(field);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            form.getCOSObject().setDirect(true);

            PDFormXObject appearanceForm = new PDFormXObject(new PDStream(document));
            appearanceForm.setResources(new PDResources());
            appearanceForm.setFormType(1);
            appearanceForm.setBBox(new PDRectangle(rectangle.getWidth(), rectangle.getHeight()));
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.getCOSObject().setDirect(true);
            PDAppearanceStream stream = new PDAppearanceStream(appearanceForm.getCOSObject());
            appearance.setNormalAppearance(stream);
            widget.setAppearance(appearance);

            try (PDPageContentStream content = new PDPageContentStream(document, stream)) {
                // The seal's words are outlines, not text: ActualText (ISO 32000-1 14.9.4) says what they read, so
                // text extraction, search and screen readers see the unit whose seal this is.
                COSDictionary words = new COSDictionary();
                words.setString(COSName.ACTUAL_TEXT, (seal.unitName() + " " + seal.roleText()).strip());
                content.beginMarkedContent(COSName.getPDFName("Span"), PDPropertyList.create(words));
                // Multiply like seal ink: the unit name and date under the seal stay legible.
                PDExtendedGraphicsState ink = new PDExtendedGraphicsState();
                ink.setBlendMode(BlendMode.MULTIPLY);
                content.setGraphicsStateParameters(ink);
                if (seal.image().isPresent()) {
                    PDImageXObject image = PDImageXObject.createFromByteArray(document, seal.image().get(), "seal");
                    content.drawImage(image, 0, 0, rectangle.getWidth(), rectangle.getHeight());
                } else {
                    draw(content, seal, rectangle.getWidth());
                }
                content.endMarkedContent();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private void draw(PDPageContentStream content, SealAppearance seal, float diameter) throws IOException {
        float radius = diameter / 2;
        float ring = diameter * 0.03f;
        content.setStrokingColor(SEAL_RED[0], SEAL_RED[1], SEAL_RED[2]);
        content.setNonStrokingColor(SEAL_RED[0], SEAL_RED[1], SEAL_RED[2]);

        content.setLineWidth(ring);
        circle(content, radius, radius, radius - ring / 2 - 0.5f);
        content.stroke();

        star(content, radius, radius, diameter * 0.17f);
        content.fill();

        arcText(content, seal.unitName(), radius, diameter);
        if (!seal.roleText().isBlank()) {
            float size = diameter * 0.085f;
            Shape outline = outline(seal.roleText(), size);
            Rectangle2D bounds = outline.getBounds2D();
            float baseline = radius - diameter * 0.30f;
            AffineTransform place = new AffineTransform();
            place.translate(radius - bounds.getCenterX(), baseline);
            place.scale(1, -1);
            fillShape(content, place.createTransformedShape(outline));
        }
    }

    /** Sets the unit name clockwise along the upper arc, each character upright towards the centre. */
    private void arcText(PDPageContentStream content, String text, float radius, float diameter) throws IOException {
        int count = text.codePointCount(0, text.length());
        if (count == 0) {
            return;
        }
        float size = count <= 10 ? diameter * 0.13f : diameter * 0.13f * 10 / count;
        float textRadius = radius - diameter * 0.05f - size;
        // Spread over up to 230 degrees, centred on the top of the circle.
        double span = Math.toRadians(Math.min(230, 24.0 * count));
        double step = count == 1 ? 0 : span / (count - 1);
        double start = Math.PI / 2 + span / 2;
        int index = 0;
        for (int offset = 0; offset < text.length(); index++) {
            int codePoint = text.codePointAt(offset);
            String character = new String(Character.toChars(codePoint));
            offset += Character.charCount(codePoint);
            double angle = start - index * step;
            Shape glyph = outline(character, size);
            Rectangle2D bounds = glyph.getBounds2D();
            AffineTransform place = new AffineTransform();
            place.translate(radius + textRadius * Math.cos(angle), radius + textRadius * Math.sin(angle));
            // Rotate so the character's top points away from the centre.
            place.rotate(angle - Math.PI / 2);
            place.scale(1, -1);
            place.translate(-bounds.getCenterX(), 0);
            fillShape(content, place.createTransformedShape(glyph));
        }
    }

    /** The text's glyph outlines in Java2D space (y down, baseline at 0). */
    private Shape outline(String text, float size) {
        List<Font> fonts = fonts();
        Font font = fonts.stream().filter(candidate -> candidate.canDisplayUpTo(text) == -1).findFirst()
                .orElse(fonts.get(0));
        GlyphVector glyphs = font.deriveFont(size).createGlyphVector(OUTLINES, text);
        return glyphs.getOutline();
    }

    private static void fillShape(PDPageContentStream content, Shape shape) throws IOException {
        PathIterator path = shape.getPathIterator(null);
        float[] c = new float[6];
        float lastX = 0;
        float lastY = 0;
        while (!path.isDone()) {
            switch (path.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    content.moveTo(c[0], c[1]);
                    lastX = c[0];
                    lastY = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    content.lineTo(c[0], c[1]);
                    lastX = c[0];
                    lastY = c[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    // PDF has only cubic curves: raise the TrueType quadratic to a cubic with the same shape.
                    float c1x = lastX + 2f / 3f * (c[0] - lastX);
                    float c1y = lastY + 2f / 3f * (c[1] - lastY);
                    float c2x = c[2] + 2f / 3f * (c[0] - c[2]);
                    float c2y = c[3] + 2f / 3f * (c[1] - c[3]);
                    content.curveTo(c1x, c1y, c2x, c2y, c[2], c[3]);
                    lastX = c[2];
                    lastY = c[3];
                }
                case PathIterator.SEG_CUBICTO -> {
                    content.curveTo(c[0], c[1], c[2], c[3], c[4], c[5]);
                    lastX = c[4];
                    lastY = c[5];
                }
                case PathIterator.SEG_CLOSE -> content.closePath();
                default -> throw new IllegalStateException("unknown path segment");
            }
            path.next();
        }
        if (path.getWindingRule() == PathIterator.WIND_EVEN_ODD) {
            content.fillEvenOdd();
        } else {
            content.fill();
        }
    }

    private static void circle(PDPageContentStream content, float cx, float cy, float r) throws IOException {
        // Four Bezier quarter arcs; 0.5523 is the standard control-point factor for a circle.
        float k = 0.5523f * r;
        content.moveTo(cx + r, cy);
        content.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        content.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        content.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        content.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        content.closePath();
    }

    private static void star(PDPageContentStream content, float cx, float cy, float outer) throws IOException {
        float inner = outer * 0.382f;
        for (int i = 0; i < 10; i++) {
            double angle = Math.PI / 2 + i * Math.PI / 5;
            float r = i % 2 == 0 ? outer : inner;
            float x = (float) (cx + r * Math.cos(angle));
            float y = (float) (cy + r * Math.sin(angle));
            if (i == 0) {
                content.moveTo(x, y);
            } else {
                content.lineTo(x, y);
            }
        }
        content.closePath();
    }
}
