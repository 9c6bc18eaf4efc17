package org.wenshu.generator.layout;

import static org.wenshu.generator.layout.LayoutViolation.Invariant.CHARACTERS_PER_LINE;
import static org.wenshu.generator.layout.LayoutViolation.Invariant.FLUSH_RIGHT;
import static org.wenshu.generator.layout.LayoutViolation.Invariant.LINES_PER_PAGE;
import static org.wenshu.generator.layout.LayoutViolation.Invariant.PAGE_NUMBER;
import static org.wenshu.generator.layout.LayoutViolation.Invariant.PAGE_NUMBER_CLEAR;
import static org.wenshu.generator.layout.LayoutViolation.Invariant.RECORD_AT_FOOT;
import static org.wenshu.generator.layout.LayoutViolation.Invariant.SEAL_ON_SIGNATURE;
import static org.wenshu.generator.layout.LayoutViolation.Invariant.SIGNATURE_WITH_TEXT;
import static org.wenshu.generator.layout.LayoutViolation.Invariant.TEXT_BLOCK;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.wenshu.generator.layout.LayoutViolation.Invariant;
import org.wenshu.generator.layout.PrintedDocument.Box;
import org.wenshu.generator.layout.PrintedDocument.Glyph;
import org.wenshu.generator.layout.PrintedDocument.Line;
import org.wenshu.generator.layout.PrintedDocument.Page;
import org.wenshu.generator.layout.PrintedDocument.Seal;
import org.wenshu.generator.layout.PrintedDocument.Shape;

/**
 * Checks a printed instrument against the layout rules of GB/T 9704-2012 (党政机关公文格式) on A4: the text block
 * (天头 37 mm, 订口 28 mm, 156 mm x 225 mm), 22 lines of 28 characters, justified lines, the signature with its
 * seal, the 版记 at the foot of the last page, and the page numbers. Body text is told apart by size (3号, 15-17 pt),
 * the 版记 and page numbers by theirs (4号, 14 pt).
 */
public final class LayoutChecker {

    static final float MM = 72f / 25.4f;
    static final float LEFT = 28 * MM;
    static final float TOP = 37 * MM;
    static final float RIGHT = LEFT + 156 * MM;
    static final float BOTTOM = TOP + 225 * MM;
    static final float PITCH = 225 * MM / 22;
    static final float CELL = 156 * MM / 28;
    /** How far a justified line may end from the right edge: a fifth of a millimetre more than rounding. */
    static final float FLUSH_TOLERANCE = 0.5f * MM;
    /** GB/T 9704 5.2.1 allows the margins ±1 mm. */
    static final float MARGIN_TOLERANCE = 1 * MM;
    /** Positions on the line grid may differ by rounding to openhtmltopdf's 1/20 pt layout units. */
    static final float GRID_TOLERANCE = 1.5f;
    /** A 3号 line's box reaches 3.2 mm below its baseline in 10.227 mm lines; a little less, for rounding. */
    static final float ROW_BELOW_BASELINE = 2.5f * MM;

    private static final Pattern PAGE_NUMBER_TEXT = Pattern.compile("—(\\d+)—");
    private static final String DIGIT = "[〇○零一二三四五六七八九十0-9０-９]";
    private static final Pattern DATE = Pattern.compile(DIGIT + "{4}年" + DIGIT + "{1,3}月" + DIGIT + "{1,3}日");
    /** 避头: characters a line may not start with (GB/T 15834 punctuation placement). */
    private static final String NO_LINE_START = "，。、；：？！）》」』】〕〉”’…—·％,.;:?!)]}%";
    /** 避尾: characters a line may not end with. */
    private static final String NO_LINE_END = "（《「『【〔〈“‘([{";

    private final PrintedDocument document;
    private final List<Line> lines = new ArrayList<>();
    private final List<LayoutViolation> violations = new ArrayList<>();

    private LayoutChecker(PrintedDocument document) {
        this.document = document;
        for (Page page : document.pages()) {
            page.lines().stream().filter(line -> !isPageNumber(line) && !isVerificationMark(line)).forEach(lines::add);
        }
    }

    /** Every breach of the layout rules in {@code pdf}; empty when it is laid out as GB/T 9704 asks. */
    public static List<LayoutViolation> check(byte[] pdf) {
        return check(PrintedDocumentReader.read(pdf));
    }

    /** Every breach of the layout rules in a document already read back. */
    public static List<LayoutViolation> check(PrintedDocument document) {
        LayoutChecker checker = new LayoutChecker(document);
        checker.checkTextBlock();
        checker.checkLines();
        checker.checkLinesPerPage();
        checker.checkRecord();
        checker.checkPageNumbers();
        checker.checkSignatureAndSeal();
        return List.copyOf(checker.violations);
    }

    private void fail(Invariant invariant, int pageIndex, String format, Object... args) {
        violations.add(new LayoutViolation(invariant, pageIndex + 1, String.format(Locale.ROOT, format, args)));
    }

    private static String mm(float points) {
        return String.format(Locale.ROOT, "%.2f mm", points / MM);
    }

    static boolean isPageNumber(Line line) {
        return line.baseline() > BOTTOM && PAGE_NUMBER_TEXT.matcher(line.text()).matches();
    }

    /**
     * The verification code beside its QR code in the bottom margin of an issued instrument: small print (8 pt) under
     * the text block, outside GB/T 9704's elements, so the text-block and line rules do not apply to it.
     */
    static boolean isVerificationMark(Line line) {
        return line.baseline() > BOTTOM && line.fontSize() < 10;
    }

    /** A module run of the verification QR code: a small drawing wholly in the bottom margin, 16 mm at most. */
    static boolean isVerificationQr(Box box) {
        return box.minY() > BOTTOM && box.maxX() - box.minX() <= 16.5f * MM && box.maxY() - box.minY() <= 16.5f * MM;
    }

    static boolean isBody(Line line) {
        return line.fontSize() >= 15 && line.fontSize() <= 17;
    }

    static boolean isRecordText(Line line) {
        return line.fontSize() >= 13.5f && line.fontSize() < 15;
    }

    private boolean startsAtLeftEdge(Line line) {
        return Math.abs(line.left() - LEFT) <= GRID_TOLERANCE;
    }

    private boolean startsParagraph(Line line) {
        return Math.abs(line.left() - (LEFT + 2 * CELL)) <= GRID_TOLERANCE;
    }

    private static boolean near(float value, float expected, float tolerance) {
        return Math.abs(value - expected) <= tolerance;
    }

    private boolean lastOnPage(int index) {
        return index + 1 >= lines.size() || lines.get(index + 1).page() != lines.get(index).page();
    }

    /** Whether the next line continues the paragraph of line {@code index}, so that line is not its last. */
    private boolean continues(int index) {
        Line line = lines.get(index);
        if (!isBody(line) || index + 1 >= lines.size()) {
            return false;
        }
        Line next = lines.get(index + 1);
        if (!isBody(next) || !startsAtLeftEdge(next)) {
            return false;
        }
        if (next.page() == line.page()) {
            return near(next.baseline() - line.baseline(), PITCH, GRID_TOLERANCE);
        }
        // Across a page break: the next page's first line, right after this page's last.
        return next.page() == line.page() + 1 && lastOnPage(index);
    }

    private void checkTextBlock() {
        for (Page page : document.pages()) {
            for (Line line : page.lines()) {
                if (isPageNumber(line) || isVerificationMark(line)) {
                    continue;
                }
                for (Glyph glyph : line.visible()) {
                    if (glyph.x() < LEFT - MARGIN_TOLERANCE || glyph.right() > RIGHT + MARGIN_TOLERANCE
                            || glyph.baseline() - 0.8f * glyph.fontSize() < TOP - MARGIN_TOLERANCE
                            || glyph.baseline() > BOTTOM + MARGIN_TOLERANCE) {
                        fail(TEXT_BLOCK, page.index(), "“%s” at x %s, baseline %s lies outside the text block",
                                glyph.text(), mm(glyph.x()), mm(glyph.baseline()));
                        break;
                    }
                }
            }
            for (Shape shape : page.shapes()) {
                Box box = shape.bounds();
                if (isVerificationQr(box)) {
                    continue;
                }
                if (box.minX() < LEFT - MARGIN_TOLERANCE || box.maxX() > RIGHT + MARGIN_TOLERANCE
                        || box.minY() < TOP - MARGIN_TOLERANCE || box.maxY() > BOTTOM + MARGIN_TOLERANCE) {
                    fail(TEXT_BLOCK, page.index(), "a drawing from x %s to %s, y %s to %s lies outside the text block",
                            mm(box.minX()), mm(box.maxX()), mm(box.minY()), mm(box.maxY()));
                }
            }
            List<Line> body = page.lines().stream().filter(LayoutChecker::isBody).filter(line -> !isPageNumber(line)).toList();
            if (!body.isEmpty()) {
                float left = (float) body.stream().mapToDouble(Line::left).min().orElseThrow();
                if (!near(left, LEFT, MARGIN_TOLERANCE)) {
                    fail(TEXT_BLOCK, page.index(), "text starts %s from the page's left edge, not 28 mm (订口)", mm(left));
                }
                if (page.index() > 0) {
                    float first = body.get(0).baseline() - TOP;
                    if (first < 0.6f * body.get(0).fontSize() || first > PITCH) {
                        fail(TEXT_BLOCK, page.index(), "the first line's baseline is %s below the top of the text block"
                                + ", outside its first line (天头 37 mm)", mm(first));
                    }
                }
            }
        }
    }

    /** Flush right edges and 28 characters on full lines. */
    private void checkLines() {
        for (int i = 0; i < lines.size(); i++) {
            if (!continues(i)) {
                continue;
            }
            Line line = lines.get(i);
            Line next = lines.get(i + 1);
            float gap = RIGHT - line.right();
            if (Math.abs(gap) > FLUSH_TOLERANCE) {
                fail(FLUSH_RIGHT, line.page(), "line ends %s %s the right edge: %s", mm(Math.abs(gap)),
                        gap > 0 ? "short of" : "beyond", line.text());
            }
            checkCharacters(line, next);
        }
    }

    private void checkCharacters(Line line, Line next) {
        List<Glyph> glyphs = line.visible();
        List<Glyph> following = next.visible();
        float indent = (line.left() - LEFT) / CELL;
        boolean fullWidth = glyphs.stream().allMatch(Glyph::isFullWidth)
                && following.stream().limit(2).allMatch(Glyph::isFullWidth);
        // A line one cell short is right when 避头尾 carried a character down: the next line's first character may
        // not start a line, or may not end one (an opening bracket goes with what follows), or its second may not
        // start one, so the first went down with it.
        boolean breakFree = !NO_LINE_START.contains(following.get(0).text())
                && !NO_LINE_END.contains(following.get(0).text())
                && (following.size() < 2 || !NO_LINE_START.contains(following.get(1).text()))
                && !NO_LINE_END.contains(glyphs.get(glyphs.size() - 1).text());
        if (!fullWidth || !breakFree || Math.abs(indent - Math.round(indent)) > 0.1f) {
            return;
        }
        int cells = glyphs.size() + Math.round(indent);
        if (cells != 28) {
            fail(CHARACTERS_PER_LINE, line.page(), "a full line holds %d characters, not 28: %s", cells, line.text());
        }
    }

    private void checkLinesPerPage() {
        for (Page page : document.pages()) {
            List<Line> body = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).page() == page.index() && isBody(lines.get(i))) {
                    body.add(lines.get(i));
                }
            }
            if (body.size() > 22) {
                fail(LINES_PER_PAGE, page.index(), "%d lines of text, more than 22", body.size());
            }
            for (int i = 0; i + 1 < lines.size(); i++) {
                Line line = lines.get(i);
                Line next = lines.get(i + 1);
                if (line.page() == page.index() && next.page() == page.index() && isBody(line) && isBody(next)) {
                    float rows = (next.baseline() - line.baseline()) / PITCH;
                    if (Math.abs(rows - Math.round(rows)) * PITCH > GRID_TOLERANCE || Math.round(rows) < 1) {
                        fail(LINES_PER_PAGE, page.index(), "lines %s apart, off the grid of 22 lines (%s): %s",
                                mm(next.baseline() - line.baseline()), mm(PITCH), next.text());
                    }
                }
            }
            for (int i = 0; i < lines.size(); i++) {
                // Full: one more line (its baseline a pitch lower, its box 3.2 mm below that) would not fit.
                if (lines.get(i).page() == page.index() && lastOnPage(i) && continues(i)
                        && lines.get(i).baseline() + PITCH + ROW_BELOW_BASELINE <= BOTTOM) {
                    fail(LINES_PER_PAGE, page.index(), "a paragraph runs over to the next page from a page that is"
                            + " not full: its last line stands %s above the text block's foot",
                            mm(BOTTOM - lines.get(i).baseline()));
                }
            }
        }
    }

    private List<Shape> recordRules(Page page) {
        return page.shapes().stream().filter(Shape::isBlack).filter(shape -> shape.isHorizontalRule(150 * MM)).toList();
    }

    private void checkRecord() {
        List<Page> pages = document.pages();
        Page last = pages.get(pages.size() - 1);
        for (Page page : pages) {
            List<Shape> rules = recordRules(page);
            if (page != last) {
                if (!rules.isEmpty()) {
                    fail(RECORD_AT_FOOT, page.index(), "版记 rules on a page before the last");
                }
                continue;
            }
            if (rules.size() < 2) {
                fail(RECORD_AT_FOOT, page.index(), "the last page has %d 版记 rules, not at least 2", rules.size());
                continue;
            }
            float top = (float) rules.stream().mapToDouble(rule -> rule.bounds().minY()).min().orElseThrow();
            float foot = (float) rules.stream().mapToDouble(rule -> rule.bounds().maxY()).max().orElseThrow();
            if (!near(foot, BOTTOM, MARGIN_TOLERANCE)) {
                fail(RECORD_AT_FOOT, page.index(), "the last 版记 rule lies %s from the text block's foot",
                        mm(foot - BOTTOM));
            }
            boolean printed = page.lines().stream().filter(LayoutChecker::isRecordText)
                    .anyMatch(line -> line.baseline() > top && line.baseline() < foot && line.text().contains("印发"));
            if (!printed) {
                fail(RECORD_AT_FOOT, page.index(), "no 印发 line between the 版记 rules");
            }
            page.lines().stream().filter(LayoutChecker::isBody).filter(line -> line.baseline() > top).findFirst()
                    .ifPresent(line -> fail(RECORD_AT_FOOT, page.index(), "body text below the 版记's first rule: %s",
                            line.text()));
        }
    }

    private void checkPageNumbers() {
        for (Page page : document.pages()) {
            List<Line> numbers = page.lines().stream().filter(LayoutChecker::isPageNumber).toList();
            if (numbers.size() != 1) {
                fail(PAGE_NUMBER, page.index(), "%d page numbers “— N —” under the text block, not one", numbers.size());
                continue;
            }
            Line number = numbers.get(0);
            Matcher matcher = PAGE_NUMBER_TEXT.matcher(number.text());
            matcher.matches();
            int printed = Integer.parseInt(matcher.group(1));
            if (printed != page.index() + 1) {
                fail(PAGE_NUMBER, page.index(), "page number %d on page %d", printed, page.index() + 1);
            }
            if (number.visible().stream().anyMatch(glyph -> !near(glyph.fontSize(), 14, 0.3f))) {
                fail(PAGE_NUMBER, page.index(), "page number not in 4号 (14 pt): %.1f pt", number.fontSize());
            }
            number.visible().stream().filter(glyph -> Character.isDigit(glyph.text().codePointAt(0)))
                    .filter(glyph -> glyph.advance() > 0.6f * glyph.fontSize()).findFirst()
                    .ifPresent(glyph -> fail(PAGE_NUMBER, page.index(), "page number digit %s is not half-width",
                            glyph.text()));
            float below = number.baseline() - BOTTOM;
            if (below < 7 * MM + 0.6f * 14 || below > 7 * MM + 14 + MARGIN_TOLERANCE) {
                fail(PAGE_NUMBER, page.index(), "page number's baseline %s under the text block: its dashes are not"
                        + " 7 mm under it", mm(below));
            }
            boolean odd = (page.index() + 1) % 2 == 1;
            float inset = odd ? RIGHT - number.right() : number.left() - LEFT;
            if (inset < 14 - MARGIN_TOLERANCE || inset > CELL + MARGIN_TOLERANCE) {
                fail(PAGE_NUMBER, page.index(), "page number stands %s in from the %s edge, not one character",
                        mm(inset), odd ? "right" : "left");
            }
            Box box = number.box();
            for (Line other : page.lines()) {
                if (other != number && other.box().intersects(box)) {
                    fail(PAGE_NUMBER_CLEAR, page.index(), "text over the page number: %s", other.text());
                }
            }
            for (Shape shape : page.shapes()) {
                if (shape.bounds().intersects(box)) {
                    fail(PAGE_NUMBER_CLEAR, page.index(), "a drawing over the page number");
                }
            }
            for (Seal seal : document.seals()) {
                if (seal.page() == page.index() && seal.overlaps(box)) {
                    fail(PAGE_NUMBER_CLEAR, page.index(), "the seal presses on the page number");
                }
            }
        }
    }

    /** The 成文日期: the document's last body line that is a date alone (…年…月…日). */
    public static Optional<Line> dateLine(PrintedDocument document) {
        LayoutChecker checker = new LayoutChecker(document);
        return checker.dateLine().map(checker.lines::get);
    }

    private Optional<Integer> dateLine() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (isBody(lines.get(i)) && DATE.matcher(lines.get(i).text()).matches()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private void checkSignatureAndSeal() {
        Optional<Integer> found = dateLine();
        if (found.isEmpty()) {
            fail(SIGNATURE_WITH_TEXT, -1, "no 成文日期 line (…年…月…日) in the body");
            return;
        }
        int dateIndex = found.get();
        Line date = lines.get(dateIndex);
        Line signature = dateIndex > 0 ? lines.get(dateIndex - 1) : null;
        if (signature == null || signature.page() != date.page() || !isBody(signature)
                || !near(date.baseline() - signature.baseline(), PITCH, GRID_TOLERANCE)) {
            fail(SIGNATURE_WITH_TEXT, date.page(), "no issuing unit's signature on the line above the date %s", date.text());
            return;
        }
        boolean textAbove = false;
        for (int i = dateIndex - 2; i >= 0 && lines.get(i).page() == date.page(); i--) {
            Line line = lines.get(i);
            if (isBody(line) && (startsAtLeftEdge(line) || startsParagraph(line))) {
                textAbove = true;
                break;
            }
        }
        if (!textAbove) {
            fail(SIGNATURE_WITH_TEXT, date.page(), "the signature %s stands alone on its page without body text above",
                    signature.text());
        }
        if (document.seals().isEmpty()) {
            return;
        }
        float left = Math.min(signature.left(), date.left());
        float right = Math.max(signature.right(), date.right());
        float middle = (left + right) / 2;
        Page page = document.pages().get(date.page());
        List<Box> record = new ArrayList<>();
        recordRules(page).forEach(rule -> record.add(rule.bounds()));
        page.lines().stream().filter(LayoutChecker::isRecordText).forEach(line -> record.add(line.box()));
        List<String> misses = new ArrayList<>();
        for (Seal seal : document.seals()) {
            if (seal.page() != date.page()) {
                misses.add("on page " + (seal.page() + 1) + ", the date on page " + (date.page() + 1));
            } else if (Math.abs(seal.centerX() - middle) > CELL) {
                misses.add("centre " + mm(seal.centerX() - middle) + " beside the signature's middle");
            } else if (seal.centerY() > date.baseline() - 0.25f * date.fontSize()
                    || seal.centerY() < signature.baseline() - PITCH) {
                misses.add("centre " + mm(date.baseline() - seal.centerY()) + " above the date's baseline, so the"
                        + " signature and date are not just under its centre");
            } else if (record.stream().anyMatch(seal::overlaps)) {
                misses.add("pressed on the 版记");
            } else {
                return;
            }
        }
        fail(SEAL_ON_SIGNATURE, date.page(), "no seal on the signature %s and date %s: %s", signature.text(),
                date.text(), String.join("; ", misses));
    }
}
