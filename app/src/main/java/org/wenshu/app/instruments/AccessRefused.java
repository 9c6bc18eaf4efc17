package org.wenshu.app.instruments;

/**
 * The signed-in user may see the resource but not do this to it (HTTP 403). Resources a user may not see at all are
 * reported as not found instead, so that ids of other units' records reveal nothing.
 */
public class AccessRefused extends RuntimeException {

    public AccessRefused(String message) {
        super(message);
    }
}
