package org.wenshu.app.accounts;

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

    /** Whether the account is locked at {@code now} by failed logins. */
    public boolean lockedAt(Instant now) {
        return lockedUntil.map(now::isBefore).orElse(false);
    }

    /**
     * The signed-in principal travels in the shared session (Spring Session JDBC serializes it), and
     * {@link Optional} is not serializable: the account is written in this form instead.
     */
    @java.io.Serial
    private Object writeReplace() {
        return new SerialForm(id, username, displayName, role, unitId.orElse(null), enabled, demo,
                lockedUntil.orElse(null), createdAt);
    }

    private record SerialForm(long id, String username, String displayName, Role role, String unitId, boolean enabled,
                              boolean demo, Instant lockedUntil, Instant createdAt) implements Serializable {
        @java.io.Serial
        private Object readResolve() {
            return new Account(id, username, displayName, role, Optional.ofNullable(unitId), enabled, demo,
                    Optional.ofNullable(lockedUntil), createdAt);
        }
    }
}
