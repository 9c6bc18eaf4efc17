package org.wenshu.archive.storage;

/** The object store could not be reached or refused an operation; nothing about the input is wrong. */
public final class StorageFailure extends RuntimeException {

    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
