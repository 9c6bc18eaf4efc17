package org.wenshu.app.api;

/** The API has no such resource for this user (HTTP 404): an unknown type, user or token. */
public final class ResourceNotFound extends RuntimeException {

    public ResourceNotFound(String message) {
        super(message);
    }
}
