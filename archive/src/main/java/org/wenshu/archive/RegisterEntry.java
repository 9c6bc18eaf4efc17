package org.wenshu.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * 发文登记 entry: one number that was taken. RESERVED while issuing, ISSUED with its record, or VOID (作废) with
 * the reason; a void number is never reused.
 */
public record RegisterEntry(String issuingUnit, DocumentNumber number, State state, String recordId, String typeId,
                           String title, Instant reservedAt, Optional<String> voidReason) {

    /** The state of a register entry. */
    public enum State {
        RESERVED("发文中"), ISSUED("已发文"), VOID("作废");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One page of register entries and how many entries match in all.
     *
     * @param items  the entries of the page, in register order
     * @param total  the number of matching entries, all pages together
     * @param offset the index of the first item among all matching entries (0-based)
     * @param limit  the page size asked for
     */
    public record Page(List<RegisterEntry> items, long total, int offset, int limit) {
    }
}
