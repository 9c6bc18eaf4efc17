package org.wenshu.search;

import java.util.Set;

/**
 * Who may find a record (检索权限). {@link Visibility#PUBLIC} records (reference texts) are visible to everyone;
 * {@link Visibility#INTERNAL} records to researchers and to the listed units; {@link Visibility#RESTRICTED} records
 * only to the listed units (and administrators).
 */
public record Access(Visibility visibility, Set<String> units) {

    public Access {
        units = Set.copyOf(units);
    }

    /** Visible to every user. */
    public static Access open() {
        return new Access(Visibility.PUBLIC, Set.of());
    }

    /** Visible to researchers and to {@code units} (typically the issuing unit and the recipients). */
    public static Access parties(Set<String> units) {
        return new Access(Visibility.INTERNAL, units);
    }

    /** Visible to {@code units} only. */
    public static Access restricted(Set<String> units) {
        return new Access(Visibility.RESTRICTED, units);
    }

    /** The levels of {@link Access}. */
    public enum Visibility {
        PUBLIC, INTERNAL, RESTRICTED
    }
}
