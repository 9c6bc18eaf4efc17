package org.wenshu.app.accounts;

/** An account request that cannot be carried out as given; the message (Chinese) says what to fix. */
public class AccountInvalid extends RuntimeException {

    private final String field;

    public AccountInvalid(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault ({@code username}, {@code password}, {@code role}, {@code unit}, ...). */
    public String field() {
        return field;
    }
}
