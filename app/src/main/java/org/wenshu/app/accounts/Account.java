package org.wenshu.app.accounts;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * 用户账号: a person's login as the record database holds it (never the password hash).
 *
 * @param unitId the unit a PROSECUTOR or AGENCY account acts for; empty for RESEARCHER and, optionally, ADMIN
 * @param lockedUntil set while repeated failed logins lock the account
 */
public record Account(long id, String username, String displayName, Role role, Optional<String> unitId,
                      boolean enabled, boolean demo, Optional<Instant> lockedUntil, Instant createdAt)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Whether the account is locked at {@code now} by failed logins. */
    public boolean lockedAt(Instant now) {
        return lockedUntil.map(now::isBefore).orElse(false);
    }

    // The signed-in account travels in the session that Spring Session JDBC serializes; Optional is not
    // Serializable, so the account is written as this proxy (Effective Java's serialization proxy pattern).
    @Serial
    private Object writeReplace() {
        return new Serialized(id, username, displayName, role, unitId.orElse(null), enabled, demo,
                lockedUntil.orElse(null), createdAt);
    }

    private record Serialized(long id, String username, String displayName, Role role, String unitId,
                              boolean enabled, boolean demo, Instant lockedUntil, Instant createdAt)
            implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            return new Account(id, username, displayName, role, Optional.ofNullable(unitId), enabled, demo,
                    Optional.ofNullable(lockedUntil), createdAt);
        }
    }
}
