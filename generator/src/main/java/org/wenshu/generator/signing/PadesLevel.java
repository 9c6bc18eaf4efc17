package org.wenshu.generator.signing;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A PAdES baseline level (ETSI EN 319 142-1), i.e. how much evidence a signature carries for later validation. */
public enum PadesLevel {
    /** Signature with signing-certificate reference only. */
    B_B("B-B"),
    /** B-B plus an RFC 3161 signature timestamp proving when it existed. */
    B_T("B-T"),
    /** B-T plus certificates and revocation data in the document security store. */
    B_LT("B-LT"),
    /** B-LT plus a document timestamp over everything, the level an archive keeps. */
    B_LTA("B-LTA");

    private final String label;

    PadesLevel(String label) {
        this.label = label;
    }

    /** The conventional name, e.g. {@code B-LT}. */
    public String label() {
        return label;
    }

    /** Whether this level includes everything {@code other} requires. */
    public boolean includes(PadesLevel other) {
        return ordinal() >= other.ordinal();
    }

    /** Parses {@code B-B}, {@code B-T}, {@code B-LT} or {@code B-LTA} (case-insensitive, underscore allowed). */
    public static PadesLevel parse(String text) {
        String normalized = text.trim().toUpperCase().replace('_', '-');
        return Arrays.stream(values())
                .filter(level -> level.label.equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown PAdES level '" + text + "', expected one of "
                        + Arrays.stream(values()).map(PadesLevel::label).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return label;
    }
}
