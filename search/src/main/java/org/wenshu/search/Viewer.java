package org.wenshu.search;

import java.util.Objects;
import java.util.Optional;

/**
 * The user a search runs for (检索用户); the index restricts every query, count and facet to what they may see.
 */
public final class Viewer {

    private enum Role { RESEARCHER, AGENCY, ADMINISTRATOR }

    private final Role role;
    private final String unit;

    private Viewer(Role role, String unit) {
        this.role = role;
        this.unit = unit;
    }

    /** A researcher or prosecutor: every record that is not restricted. */
    public static Viewer researcher() {
        return new Viewer(Role.RESEARCHER, null);
    }

    /**
     * A prosecutor of {@code unit}: what a researcher sees, and the restricted records their unit is a party to
     * (the leads agencies sent it).
     */
    public static Viewer researcherOf(String unit) {
        if (unit == null || unit.isBlank()) {
            throw new IllegalArgumentException("a unit researcher needs a unit");
        }
        return new Viewer(Role.RESEARCHER, unit);
    }

    /** An officer of {@code unit}: public records and those their unit is a party to. */
    public static Viewer agency(String unit) {
        if (unit == null || unit.isBlank()) {
            throw new IllegalArgumentException("an agency viewer needs a unit");
        }
        return new Viewer(Role.AGENCY, unit);
    }

    /** Archive administration and audit: everything. */
    public static Viewer administrator() {
        return new Viewer(Role.ADMINISTRATOR, null);
    }

    /** The unit of an agency viewer. */
    public Optional<String> unit() {
        return Optional.ofNullable(unit);
    }

    boolean seesEverything() {
        return role == Role.ADMINISTRATOR;
    }

    boolean isResearcher() {
        return role == Role.RESEARCHER;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Viewer v && v.role == role && Objects.equals(v.unit, unit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, unit);
    }

    @Override
    public String toString() {
        return unit == null ? role.name().toLowerCase() : role.name().toLowerCase() + " " + unit;
    }
}
