package org.wenshu.app.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person as Spring Security sees them: the {@link Account} (role, unit) and, only while logging in,
 * the password hash. Stored in the shared session, so it holds no more than the account row.
 */
public final class WenshuUser implements UserDetails {

    private static final long serialVersionUID = 1L;

    // Plain fields rather than the Account record: the session stores this object with Java serialization, and
    // Optional is not serializable.
    private final long id;
    private final String username;
    private final String displayName;
    private final Role role;
    private final String unitId;
    private final boolean enabled;
    private final boolean demo;
    private final java.time.Instant createdAt;
    private final transient String passwordHash;
    private final boolean locked;

    WenshuUser(Account account, String passwordHash, boolean locked) {
        this.id = account.id();
        this.username = account.username();
        this.displayName = account.displayName();
        this.role = account.role();
        this.unitId = account.unitId().orElse(null);
        this.enabled = account.enabled();
        this.demo = account.demo();
        this.createdAt = account.createdAt();
        this.passwordHash = passwordHash;
        this.locked = locked;
    }

    /** A user authenticated by other means than a password (an API token). */
    public static WenshuUser of(Account account) {
        return new WenshuUser(account, null, false);
    }

    /** The account as it was when the user signed in. */
    public Account account() {
        return new Account(id, username, displayName, role, Optional.ofNullable(unitId), enabled, demo,
                Optional.empty(), createdAt);
    }

    /** The name shown in pages. */
    public String getDisplayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    /** The unit a PROSECUTOR or AGENCY user acts for. */
    public Optional<String> unitId() {
        return Optional.ofNullable(unitId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WenshuUser u && u.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "WenshuUser[" + username + ", " + role + "]";
    }
}
