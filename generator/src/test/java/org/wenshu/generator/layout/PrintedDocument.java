package org.wenshu.generator.layout;

import java.util.List;

/**
 * What a PDF shows, read back for layout checks: per page the text lines, the filled and stroked shapes, and the
 * visible signatures (seals). All coordinates in points, x from the page's left edge, y from its top edge (the way
 * GB/T 9704 measures margins), so a baseline's y grows down the page.
 *
 * @param pages the pages in order
 * @param seals the visible signature widgets, each on its page
 */
public record PrintedDocument(List<Page> pages, List<Seal> seals) {

    /** One printed glyph: its text, left edge, baseline, advance width and font size (pt). */
    public record Glyph(String text, float x, float baseline, float advance, float fontSize) {

        /** The right edge of the glyph's advance box. */
        public float right() {
            return x + advance;
        }

        /** Whether the glyph is blank (a space), which marks no edge of a line. */
        public boolean isBlank() {
            return text.isBlank();
        }

        /** Whether the glyph takes a full character cell (a Chinese character or full-width punctuation). */
        public boolean isFullWidth() {
            return advance >= 0.9f * fontSize;
        }
    }

    /** Glyphs on one baseline, left to right. */
    public record Line(int page, float baseline, List<Glyph> glyphs) {

        /** The left edge of the first visible glyph. */
        public float left() {
            return visible().get(0).x();
        }

        /** The right edge of the last visible glyph's advance box. */
        public float right() {
            List<Glyph> visible = visible();
            return visible.get(visible.size() - 1).right();
        }

        /** The largest font size on the line (pt). */
        public float fontSize() {
            return (float) glyphs.stream().mapToDouble(Glyph::fontSize).max().orElse(0);
        }

        /** The line's text without blanks. */
        public String text() {
            StringBuilder text = new StringBuilder();
            visible().forEach(glyph -> text.append(glyph.text()));
            return text.toString();
        }

        /** The non-blank glyphs. */
        public List<Glyph> visible() {
            return glyphs.stream().filter(glyph -> !glyph.isBlank()).toList();
        }

        /** A box around the line's glyphs: from ascender to descender of its largest font. */
        public Box box() {
            float size = fontSize();
            return new Box(left(), baseline - 0.88f * size, right(), baseline + 0.12f * size);
        }
    }

    /** An axis-aligned box (pt, y down). */
    public record Box(float minX, float minY, float maxX, float maxY) {

        public float width() {
            return maxX - minX;
        }

        public float height() {
            return maxY - minY;
        }

        public boolean intersects(Box other) {
            return minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY;
        }
    }

    /** A filled or stroked path's bounds and colour (sRGB, 0xRRGGBB). */
    public record Shape(Box bounds, int rgb) {

        /** Whether the colour is black or nearly so. */
        public boolean isBlack() {
            return ((rgb >> 16) & 0xFF) < 60 && ((rgb >> 8) & 0xFF) < 60 && (rgb & 0xFF) < 60;
        }

        /** Whether the shape is a horizontal rule at least {@code minWidth} long. */
        public boolean isHorizontalRule(float minWidth) {
            return bounds.width() >= minWidth && bounds.height() <= 2.5f;
        }
    }

    /** A visible signature: the page and the widget's box, inside which the round seal is drawn. */
    public record Seal(int page, Box box) {

        public float centerX() {
            return (box.minX() + box.maxX()) / 2;
        }

        public float centerY() {
            return (box.minY() + box.maxY()) / 2;
        }

        public float radius() {
            return Math.min(box.width(), box.height()) / 2;
        }

        /** Whether the seal's disc overlaps the box. */
        public boolean overlaps(Box other) {
            float nearestX = Math.max(other.minX(), Math.min(centerX(), other.maxX()));
            float nearestY = Math.max(other.minY(), Math.min(centerY(), other.maxY()));
            float dx = centerX() - nearestX;
            float dy = centerY() - nearestY;
            return dx * dx + dy * dy < radius() * radius();
        }
    }

    /** One page: zero-based index, size, text lines top to bottom and shapes. */
    public record Page(int index, float width, float height, List<Line> lines, List<Shape> shapes) {
    }
}
