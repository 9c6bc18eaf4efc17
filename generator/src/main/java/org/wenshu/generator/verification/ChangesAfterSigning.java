package org.wenshu.generator.verification;

import java.util.List;

/**
 * What happened to the document after a signature was made.
 *
 * @param kind    none, only allowed incremental updates, or changed content
 * @param details one line per change found, e.g. "1 later signature", "page 1 content changed"
 */
public record ChangesAfterSigning(Kind kind, List<String> details) {

    /** How the document changed after signing. */
    public enum Kind {
        /** The signature covers the whole file. */
        NONE,
        /** Only later signatures, document timestamps and validation data (DSS) were appended. */
        ALLOWED_INCREMENTAL_UPDATES,
        /** Pages or their content differ from what was signed. */
        CONTENT_CHANGED
    }

    static ChangesAfterSigning none() {
        return new ChangesAfterSigning(Kind.NONE, List.of());
    }
}
