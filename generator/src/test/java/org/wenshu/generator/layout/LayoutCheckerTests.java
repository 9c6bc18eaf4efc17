package org.wenshu.generator.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wenshu.generator.Fixtures;
import org.wenshu.generator.layout.LayoutViolation.Invariant;
import org.wenshu.generator.layout.PrintedDocument.Box;
import org.wenshu.generator.layout.PrintedDocument.Glyph;
import org.wenshu.generator.layout.PrintedDocument.Line;
import org.wenshu.generator.layout.PrintedDocument.Page;
import org.wenshu.generator.layout.PrintedDocument.Seal;
import org.wenshu.generator.layout.PrintedDocument.Shape;

/** The checker sees each kind of layout fault: a sound sealed instrument, then the same with one fault put in. */
class LayoutCheckerTests {

    private static final float MM = LayoutChecker.MM;
    private static PrintedDocument sound;

    @BeforeAll
    static void printSealedNotice() {
        sound = PrintedDocumentReader.read(new Printing().printSealed("meeting-notice", Fixtures.example("meeting-notice")));
    }

    @Test
    void findsNothingInASoundInstrument() {
        assertThat(sound.pages()).hasSizeGreaterThan(1);

        assertThat(LayoutChecker.check(sound)).isEmpty();
    }

    @Test
    void seesALineThatEndsShortOfTheRightEdge() {
        PrintedDocument ragged = withPage(0, page -> {
            List<Line> lines = new ArrayList<>(page.lines());
            int full = indexOfFirst(lines, line -> line.visible().size() >= 27 && line.right() > LayoutChecker.RIGHT - 1);
            Line line = lines.get(full);
            lines.set(full, new Line(line.page(), line.baseline(), line.glyphs().subList(0, line.glyphs().size() - 1)));
            return new Page(page.index(), page.width(), page.height(), lines, page.shapes());
        });

        assertThat(invariants(ragged)).contains(Invariant.FLUSH_RIGHT);
    }

    @Test
    void seesASealOnAnotherPageThanTheSignature() {
        Seal seal = sound.seals().get(0);
        int otherPage = seal.page() == 0 ? 1 : 0;
        PrintedDocument misplaced = new PrintedDocument(sound.pages(), List.of(new Seal(otherPage, seal.box())));

        assertThat(invariants(misplaced)).contains(Invariant.SEAL_ON_SIGNATURE);
    }

    @Test
    void seesASealPressedOnThePageNumber() {
        Seal seal = sound.seals().get(0);
        Line number = sound.pages().get(seal.page()).lines().stream().filter(LayoutChecker::isPageNumber).findFirst()
                .orElseThrow();
        float r = seal.radius();
        float cx = (number.left() + number.right()) / 2;
        PrintedDocument pressed = new PrintedDocument(sound.pages(),
                List.of(new Seal(seal.page(), new Box(cx - r, number.baseline() - r, cx + r, number.baseline() + r))));

        assertThat(invariants(pressed)).contains(Invariant.PAGE_NUMBER_CLEAR, Invariant.SEAL_ON_SIGNATURE);
    }

    @Test
    void seesTheRecordLeaveTheFootOfTheLastPage() {
        int last = sound.pages().size() - 1;
        PrintedDocument raised = withPage(last, page -> new Page(page.index(), page.width(), page.height(),
                page.lines(), page.shapes().stream().map(shape -> new Shape(shifted(shape.bounds(), -30 * MM), shape.rgb()))
                .toList()));

        assertThat(invariants(raised)).contains(Invariant.RECORD_AT_FOOT);
    }

    @Test
    void seesAWrongPageNumber() {
        PrintedDocument renumbered = withPage(0, page -> new Page(page.index(), page.width(), page.height(),
                page.lines().stream().map(line -> LayoutChecker.isPageNumber(line) ? replaceDigits(line, "7") : line)
                        .toList(), page.shapes()));

        assertThat(invariants(renumbered)).contains(Invariant.PAGE_NUMBER);
    }

    @Test
    void seesTextBelowTheTextBlockAndOffTheLineGrid() {
        PrintedDocument lowered = withPage(1, page -> new Page(page.index(), page.width(), page.height(),
                page.lines().stream().map(line -> LayoutChecker.isPageNumber(line) ? line : shifted(line, 25 * MM))
                        .toList(), page.shapes()));

        assertThat(invariants(lowered)).contains(Invariant.TEXT_BLOCK);
    }

    @Test
    void seesASignatureAloneOnItsPage() {
        int datePage = sound.seals().get(0).page();
        PrintedDocument alone = withPage(datePage, page -> {
            List<Line> lines = page.lines();
            int date = indexOfFirst(lines, line -> line.text().endsWith("日") && line.text().length() <= 11);
            List<Line> kept = new ArrayList<>(lines.subList(date - 1, lines.size()));
            return new Page(page.index(), page.width(), page.height(), kept, page.shapes());
        });

        assertThat(invariants(alone)).contains(Invariant.SIGNATURE_WITH_TEXT);
    }

    private static List<Invariant> invariants(PrintedDocument document) {
        return LayoutChecker.check(document).stream().map(LayoutViolation::invariant).distinct().toList();
    }

    private static PrintedDocument withPage(int index, UnaryOperator<Page> change) {
        List<Page> pages = new ArrayList<>(sound.pages());
        pages.set(index, change.apply(pages.get(index)));
        return new PrintedDocument(pages, sound.seals());
    }

    private static int indexOfFirst(List<Line> lines, java.util.function.Predicate<Line> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (LayoutChecker.isBody(lines.get(i)) && test.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in the sound instrument");
    }

    private static Box shifted(Box box, float down) {
        return new Box(box.minX(), box.minY() + down, box.maxX(), box.maxY() + down);
    }

    private static Line shifted(Line line, float down) {
        return new Line(line.page(), line.baseline() + down, line.glyphs().stream()
                .map(glyph -> new Glyph(glyph.text(), glyph.x(), glyph.baseline() + down, glyph.advance(), glyph.fontSize()))
                .toList());
    }

    private static Line replaceDigits(Line line, String digit) {
        return new Line(line.page(), line.baseline(), line.glyphs().stream()
                .map(glyph -> Character.isDigit(glyph.text().charAt(0))
                        ? new Glyph(digit, glyph.x(), glyph.baseline(), glyph.advance(), glyph.fontSize()) : glyph)
                .toList());
    }
}
