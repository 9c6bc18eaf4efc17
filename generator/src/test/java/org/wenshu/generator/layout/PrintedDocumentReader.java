package org.wenshu.generator.layout;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.wenshu.generator.layout.PrintedDocument.Box;
import org.wenshu.generator.layout.PrintedDocument.Glyph;
import org.wenshu.generator.layout.PrintedDocument.Line;
import org.wenshu.generator.layout.PrintedDocument.Page;
import org.wenshu.generator.layout.PrintedDocument.Seal;
import org.wenshu.generator.layout.PrintedDocument.Shape;

/**
 * Reads back what a PDF prints: PDFBox text positions grouped into lines by baseline, the bounds and colours of
 * painted paths from the content stream, and the boxes of visible signature widgets.
 */
public final class PrintedDocumentReader {

    /** Glyphs whose baselines differ by less than this (pt) share a line. */
    private static final float SAME_BASELINE = 1.0f;

    private PrintedDocumentReader() {
    }

    /**
     * Reads every page of {@code pdf}.
     *
     * @throws UncheckedIOException when PDFBox cannot parse the file
     */
    public static PrintedDocument read(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<List<Glyph>> glyphs = glyphs(document);
            List<Page> pages = new ArrayList<>();
            List<Seal> seals = new ArrayList<>();
            for (int index = 0; index < document.getNumberOfPages(); index++) {
                PDPage page = document.getPage(index);
                PDRectangle media = page.getMediaBox();
                pages.add(new Page(index, media.getWidth(), media.getHeight(), lines(index, glyphs.get(index)),
                        shapes(page)));
                for (PDAnnotation annotation : page.getAnnotations()) {
                    PDRectangle box = annotation.getRectangle();
                    if (annotation instanceof PDAnnotationWidget && box != null && box.getWidth() > 1 && box.getHeight() > 1) {
                        seals.add(new Seal(index, new Box(box.getLowerLeftX() - media.getLowerLeftX(),
                                media.getUpperRightY() - box.getUpperRightY(),
                                box.getUpperRightX() - media.getLowerLeftX(),
                                media.getUpperRightY() - box.getLowerLeftY())));
                    }
                }
            }
            return new PrintedDocument(List.copyOf(pages), List.copyOf(seals));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PDF back: " + e.getMessage(), e);
        }
    }

    private static List<List<Glyph>> glyphs(PDDocument document) throws IOException {
        List<List<Glyph>> pages = new ArrayList<>();
        for (int i = 0; i < document.getNumberOfPages(); i++) {
            pages.add(new ArrayList<>());
        }
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                // Every glyph as drawn: no de-duplication, no reordering; y from the top of the page.
                // getFontSizeInPt() rounds down to whole points; the text rendering matrix holds the size as drawn.
                float size = text.getTextMatrix().getScalingFactorX();
                pages.get(getCurrentPageNo() - 1).add(new Glyph(text.getUnicode(), text.getXDirAdj(),
                        text.getYDirAdj(), text.getWidthDirAdj(), size));
            }
        };
        stripper.getText(document);
        return pages;
    }

    private static List<Line> lines(int page, List<Glyph> glyphs) {
        List<Glyph> sorted = new ArrayList<>(glyphs);
        sorted.sort(Comparator.comparingDouble(Glyph::baseline).thenComparingDouble(Glyph::x));
        List<Line> lines = new ArrayList<>();
        List<Glyph> current = new ArrayList<>();
        for (Glyph glyph : sorted) {
            if (!current.isEmpty() && glyph.baseline() - current.get(0).baseline() > SAME_BASELINE) {
                lines.add(line(page, current));
                current = new ArrayList<>();
            }
            current.add(glyph);
        }
        if (!current.isEmpty()) {
            lines.add(line(page, current));
        }
        return lines.stream().filter(line -> !line.visible().isEmpty()).toList();
    }

    private static Line line(int page, List<Glyph> glyphs) {
        List<Glyph> ordered = new ArrayList<>(glyphs);
        ordered.sort(Comparator.comparingDouble(Glyph::x));
        return new Line(page, glyphs.get(0).baseline(), List.copyOf(ordered));
    }

    private static List<Shape> shapes(PDPage page) throws IOException {
        ShapeCollector collector = new ShapeCollector(page);
        collector.processPage(page);
        return List.copyOf(collector.shapes);
    }

    /** Collects the bounds of every painted path, in page space, with its paint colour. */
    private static final class ShapeCollector extends PDFGraphicsStreamEngine {

        private final float pageTop;
        private final List<Shape> shapes = new ArrayList<>();
        private float minX = Float.MAX_VALUE;
        private float minY = Float.MAX_VALUE;
        private float maxX = -Float.MAX_VALUE;
        private float maxY = -Float.MAX_VALUE;
        private final Point2D.Float current = new Point2D.Float();

        ShapeCollector(PDPage page) {
            super(page);
            this.pageTop = page.getMediaBox().getUpperRightY();
        }

        private void include(Point2D point) {
            minX = Math.min(minX, (float) point.getX());
            maxX = Math.max(maxX, (float) point.getX());
            minY = Math.min(minY, (float) point.getY());
            maxY = Math.max(maxY, (float) point.getY());
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            include(p0);
            include(p1);
            include(p2);
            include(p3);
        }

        @Override
        public void moveTo(float x, float y) {
            current.setLocation(x, y);
            include(current);
        }

        @Override
        public void lineTo(float x, float y) {
            current.setLocation(x, y);
            include(current);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            include(new Point2D.Float(x1, y1));
            include(new Point2D.Float(x2, y2));
            current.setLocation(x3, y3);
            include(current);
        }

        @Override
        public Point2D getCurrentPoint() {
            return current;
        }

        @Override
        public void closePath() {
        }

        @Override
        public void endPath() {
            reset();
        }

        @Override
        public void strokePath() throws IOException {
            float half = getGraphicsState().getLineWidth() / 2;
            paint(getGraphicsState().getStrokingColor(), half);
        }

        @Override
        public void fillPath(int windingRule) throws IOException {
            paint(getGraphicsState().getNonStrokingColor(), 0);
        }

        @Override
        public void fillAndStrokePath(int windingRule) throws IOException {
            paint(getGraphicsState().getNonStrokingColor(), getGraphicsState().getLineWidth() / 2);
        }

        private void paint(PDColor color, float grow) throws IOException {
            if (minX <= maxX) {
                int rgb = color == null ? 0 : color.toRGB();
                shapes.add(new Shape(new Box(minX - grow, pageTop - maxY - grow, maxX + grow, pageTop - minY + grow), rgb));
            }
            reset();
        }

        private void reset() {
            minX = Float.MAX_VALUE;
            minY = Float.MAX_VALUE;
            maxX = -Float.MAX_VALUE;
            maxY = -Float.MAX_VALUE;
        }

        @Override
        public void clip(int windingRule) {
        }

        @Override
        public void drawImage(PDImage image) {
        }

        @Override
        public void shadingFill(org.apache.pdfbox.cos.COSName shadingName) {
        }
    }
}
