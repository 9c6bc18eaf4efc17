package org.wenshu.batch.bulk;

/**
 * The {@code encoding} named for a recipient list is not one the list may be read in; the message lists those that
 * are. Nothing was read or issued.
 */
public final class UnknownEncoding extends ListRefused {

    public UnknownEncoding(String message) {
        super(message);
    }
}
