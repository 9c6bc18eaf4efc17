package org.wenshu.batch.bulk;

/** The recipient list or base data file cannot be used at all (encoding, format, size, headers); nothing was issued. */
public sealed class ListRefused extends RuntimeException permits ListNotUtf8, UnknownEncoding, BaseDataInvalid {

    public ListRefused(String message) {
        super(message);
    }

    public ListRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
