package org.wenshu.archive;

/**
 * The next document number (发文字号) of a series is already in the register: the series' counter is behind the
 * register (e.g. a database restored from inconsistent copies). Nothing is issued and no number is reserved; the
 * message is for the user and names the number, never the database.
 */
public final class NumberTaken extends RuntimeException {

    private final String numberText;

    NumberTaken(String numberText, String holder) {
        super("发文字号 " + numberText + " 已由" + holder + "登记，编号计数与发文登记簿不一致，未发文、未占用编号；"
                + "请联系管理员核对发文登记簿后重试");
        this.numberText = numberText;
    }

    NumberTaken(String message, Throwable cause) {
        super(message, cause);
        this.numberText = "";
    }

    /** The number that was found taken, e.g. {@code 荆检行督〔2026〕1号}; empty when the register did not say which. */
    public String numberText() {
        return numberText;
    }
}
