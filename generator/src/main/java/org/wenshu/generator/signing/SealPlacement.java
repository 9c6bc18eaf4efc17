package org.wenshu.generator.signing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.wenshu.generator.PdfRenderer;

/**
 * Finds where a seal goes. GB/T 9704-2012 7.3.5.1: the seal presses down, centred, on the issuing unit's signature
 * and the date, which sit below the seal's centre, on whatever page they fall (7.3.5). We find the document's last
 * line that is a date and nothing else (…年…月…日: the 成文日期 under the signature; not the 版记's "…日印发" nor a
 * date inside a sentence), searching from the last page back, since the 版记 may stand on a page of its own after
 * the signature's, and put the seal's centre above it; without such a line, at the bottom right of the last page's
 * text. A PDF of our renderer says where it laid out the signature and date ({@link PdfRenderer#SEAL_ANCHOR_KEY}), and
 * then its text is not read at all.
 */
final class SealPlacement {

    private static final Pattern DATE_LINE =
            Pattern.compile("[〇○零一二三四五六七八九十0-9０-９]{4}\\s*年\\s*[〇○零一二三四五六七八九十0-9０-９]{1,3}\\s*月\\s*[〇○零一二三四五六七八九十0-9０-９]{1,3}\\s*日");

    /** How far the date's baseline lies below the seal's centre, in diameters. */
    private static final float DATE_BELOW_CENTRE = 0.36f;

    /** Where a seal lands: page and the widget rectangle in that page's user space. */
    record Placement(int pageIndex, PDRectangle rectangle) {
    }

    private SealPlacement() {
    }

    static Placement place(PDDocument document, SealAppearance seal) throws IOException {
        float diameter = seal.diameterPoints();
        if (seal.position().isPresent()) {
            SealPosition position = seal.position().get();
            int page = position.pageIndex() < 0 ? document.getNumberOfPages() + position.pageIndex() : position.pageIndex();
            if (page < 0 || page >= document.getNumberOfPages()) {
                throw new SigningFailed("seal page " + position.pageIndex() + " does not exist; the document has "
                        + document.getNumberOfPages() + " pages");
            }
            return new Placement(page, square(position.centerX(), position.centerY(), diameter));
        }
        Optional<Anchor> anchor = Anchor.of(document);
        if (anchor.isPresent()) {
            Anchor at = anchor.get();
            PDRectangle media = document.getPage(at.pageIndex()).getMediaBox();
            return new Placement(at.pageIndex(), square(
                    clamp((at.left() + at.right()) / 2, media.getLowerLeftX() + diameter / 2, media.getUpperRightX() - diameter / 2),
                    clamp(at.baseline() + diameter * DATE_BELOW_CENTRE, media.getLowerLeftY() + diameter / 2,
                            media.getUpperRightY() - diameter / 2), diameter));
        }
        int last = document.getNumberOfPages() - 1;
        int pageIndex = last;
        PDRectangle media = document.getPage(last).getMediaBox();
        List<Line> lines = lines(document, last, media);
        Line date = lastDate(lines);
        for (int index = last - 1; date == null && index >= 0; index--) {
            PDRectangle earlierMedia = document.getPage(index).getMediaBox();
            List<Line> earlier = lines(document, index, earlierMedia);
            date = lastDate(earlier);
            if (date != null) {
                pageIndex = index;
                media = earlierMedia;
                lines = earlier;
            }
        }
        float centerX;
        float centerY;
        if (date != null) {
            // Centre over the date and the unit signature line just above it (if any), which sits near the centre;
            // the date falls in the seal's lower part.
            float left = date.minX();
            float right = date.maxX();
            for (Line line : lines) {
                float above = line.baseline() - date.baseline();
                if (above > 1 && above < 2.5f * (date.maxX() - date.minX()) / Math.max(1, date.text().length()) + 20) {
                    left = Math.min(left, line.minX());
                    right = Math.max(right, line.maxX());
                }
            }
            centerX = (left + right) / 2;
            centerY = date.baseline() + diameter * DATE_BELOW_CENTRE;
        } else if (!lines.isEmpty()) {
            float right = (float) lines.stream().mapToDouble(Line::maxX).max().orElse(media.getWidth());
            float bottom = (float) lines.stream().mapToDouble(Line::baseline).min().orElse(diameter);
            centerX = right - diameter / 2;
            centerY = bottom - diameter / 2 - 12;
            if (centerY - diameter / 2 < media.getLowerLeftY()) {
                centerY = bottom + diameter / 2;
            }
        } else {
            centerX = media.getUpperRightX() - diameter;
            centerY = media.getLowerLeftY() + diameter;
        }
        centerX = clamp(centerX, media.getLowerLeftX() + diameter / 2, media.getUpperRightX() - diameter / 2);
        centerY = clamp(centerY, media.getLowerLeftY() + diameter / 2, media.getUpperRightY() - diameter / 2);
        return new Placement(pageIndex, square(centerX, centerY, diameter));
    }

    /** The page's last line that is a date alone: the 成文日期. */
    private static Line lastDate(List<Line> lines) {
        Line date = null;
        for (Line line : lines) {
            if (DATE_LINE.matcher(line.text().strip()).matches()) {
                date = line;
            }
        }
        return date;
    }

    private static float clamp(float value, float min, float max) {
        return Math.max(min, Math.min(max, value));
    }

    private static PDRectangle square(float centerX, float centerY, float diameter) {
        return new PDRectangle(centerX - diameter / 2, centerY - diameter / 2, diameter, diameter);
    }

    /**
     * Where our renderer laid out the unit signature and its date ({@link PdfRenderer#SEAL_ANCHOR_KEY}): the same
     * facts the text search finds, without a second parse of the page's content. A value that does not fit the
     * document (another producer's PDF, a page that does not exist) is ignored and the text searched instead.
     */
    private record Anchor(int pageIndex, float left, float right, float baseline) {

        static Optional<Anchor> of(PDDocument document) {
            String value = document.getDocumentInformation().getCustomMetadataValue(PdfRenderer.SEAL_ANCHOR_KEY);
            if (value == null) {
                return Optional.empty();
            }
            String[] parts = value.strip().split(" ");
            try {
                if (parts.length != 4) {
                    return Optional.empty();
                }
                Anchor anchor = new Anchor(Integer.parseInt(parts[0]), Float.parseFloat(parts[1]),
                        Float.parseFloat(parts[2]), Float.parseFloat(parts[3]));
                boolean fits = anchor.pageIndex() >= 0 && anchor.pageIndex() < document.getNumberOfPages()
                        && Float.isFinite(anchor.left()) && Float.isFinite(anchor.right())
                        && Float.isFinite(anchor.baseline()) && anchor.left() <= anchor.right();
                return fits ? Optional.of(anchor) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** A text line on the page, in PDF user space. */
    private record Line(String text, float minX, float maxX, float baseline) {
    }

    private static List<Line> lines(PDDocument document, int pageIndex, PDRectangle media) throws IOException {
        List<Line> lines = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                if (positions.isEmpty() || text.isBlank()) {
                    return;
                }
                float minX = Float.MAX_VALUE;
                float maxX = -Float.MAX_VALUE;
                for (TextPosition position : positions) {
                    minX = Math.min(minX, position.getXDirAdj());
                    maxX = Math.max(maxX, position.getXDirAdj() + position.getWidthDirAdj());
                }
                // TextPosition measures y from the top of the page; PDF user space from the bottom.
                float baseline = media.getUpperRightY() - positions.get(0).getYDirAdj();
                lines.add(new Line(text, media.getLowerLeftX() + minX, media.getLowerLeftX() + maxX, baseline));
            }
        };
        stripper.setSortByPosition(true);
        stripper.setStartPage(pageIndex + 1);
        stripper.setEndPage(pageIndex + 1);
        stripper.getText(document);
        return lines;
    }
}
