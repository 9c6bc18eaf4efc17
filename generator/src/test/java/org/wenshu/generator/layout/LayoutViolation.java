package org.wenshu.generator.layout;

/**
 * One breach of a GB/T 9704-2012 layout rule found in a printed instrument.
 *
 * @param invariant the rule broken
 * @param page      one-based page number, 0 when the breach concerns the whole document
 * @param detail    what was measured, in millimetres where a distance
 */
public record LayoutViolation(Invariant invariant, int page, String detail) {

    /** The layout rules the checker knows, each after a clause of GB/T 9704-2012. */
    public enum Invariant {
        /** 5.2.1: text and rules inside the text block, 天头 37 mm, 订口 28 mm, 156 mm x 225 mm. */
        TEXT_BLOCK,
        /** 5.2.2: 22 lines a page on the line grid; a page a paragraph runs over from is full. */
        LINES_PER_PAGE,
        /** 5.2.2: 28 characters on a full line of Chinese text. */
        CHARACTERS_PER_LINE,
        /** 5.2.2 (撑满版心): every line but a paragraph's last ends flush with the text block's right edge. */
        FLUSH_RIGHT,
        /** 7.3.5: the signature and date stand under body text on their page, never alone. */
        SIGNATURE_WITH_TEXT,
        /** 7.3.5.1: the seal presses, centred, on the signature and the date, on their page, clear of the 版记. */
        SEAL_ON_SIGNATURE,
        /** 7.4: the 版记's rules at the foot of the last page, the last rule on the text block's lower edge. */
        RECORD_AT_FOOT,
        /** 7.5: "— N —" in 4号 half-width digits, 7 mm under the text block, one character in from the outer side. */
        PAGE_NUMBER,
        /** 7.5: nothing printed or pressed over the page number. */
        PAGE_NUMBER_CLEAR
    }

    @Override
    public String toString() {
        return invariant + (page > 0 ? " p" + page : "") + ": " + detail;
    }
}
