package org.wenshu.archive;

import java.time.Instant;
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
}
