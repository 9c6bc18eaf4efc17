package org.wenshu.archive;

/** Issuing failed after the number was reserved; the number is now void (作废) with this reason in the register. */
public final class IssuingFailed extends RuntimeException {

    private final DocumentNumber number;

    public IssuingFailed(DocumentNumber number, String reason, Throwable cause) {
        super("发文失败，编号 " + number.text() + " 已作废: " + reason, cause);
        this.number = number;
    }

    public DocumentNumber number() {
        return number;
    }
}
