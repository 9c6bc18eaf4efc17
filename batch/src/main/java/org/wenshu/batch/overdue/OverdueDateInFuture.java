package org.wenshu.batch.overdue;

/** The overdue job was asked to judge overdue as of a day that has not come; the message says what to give instead. */
public final class OverdueDateInFuture extends RuntimeException {

    OverdueDateInFuture(String message) {
        super(message);
    }
}
