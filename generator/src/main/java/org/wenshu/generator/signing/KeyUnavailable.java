package org.wenshu.generator.signing;

/** A configured signing key cannot be opened: wrong path, alias, secret, or token. */
public class KeyUnavailable extends SigningFailed {

    public KeyUnavailable(String message) {
        super(message);
    }

    public KeyUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
