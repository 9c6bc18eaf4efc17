package org.wenshu.app.accounts;

import java.time.Instant;
import java.util.Optional;

/**
 * 用户账号: a person's login as the record database holds it (never the password hash).
 *
 * @param unitId the unit a PROSECUTOR or AGENCY account acts for; empty for RESEARCHER and, optionally, ADMIN
 * @param lockedUntil set while repeated failed logins lock the account
 */
public record Account(long id, String username, String displayName, Role role, Optional<String> unitId,
                      boolean enabled, boolean demo, Optional<Instant> lockedUntil, Instant createdAt) {

    /** Whether the account is locked at {@code now} by failed logins. */
    public boolean lockedAt(Instant now) {
        return lockedUntil.map(now::isBefore).orElse(false);
    }
}
