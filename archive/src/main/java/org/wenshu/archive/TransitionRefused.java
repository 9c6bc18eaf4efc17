package org.wenshu.archive;

/** A lifecycle step that the record's current state does not allow, with the reason. */
public final class TransitionRefused extends ArchiveRefusal {

    public TransitionRefused(String message) {
        super(message);
    }
}
