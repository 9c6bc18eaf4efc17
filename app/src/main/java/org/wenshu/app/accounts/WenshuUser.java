package org.wenshu.app.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person as Spring Security sees them: the {@link Account} (role, unit) and, only while logging in,
 * the password hash. Stored in the shared session, so it holds no more than the account row.
 */
public final class WenshuUser implements UserDetails, CredentialsContainer {

    private static final long serialVersionUID = 1L;

    private final Account account;
    private String passwordHash;
    private final boolean locked;

    WenshuUser(Account account, String passwordHash, boolean locked) {
        this.account = account;
        this.passwordHash = passwordHash;
        this.locked = locked;
    }

    /** A user authenticated by other means than a password (an API token). */
    public static WenshuUser of(Account account) {
        return new WenshuUser(account, null, false);
    }

    public Account account() {
        return account;
    }

    public Role role() {
        return account.role();
    }

    /** The unit a PROSECUTOR or AGENCY user acts for. */
    public Optional<String> unitId() {
        return account.unitId();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(account.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    /** Forgets the password hash once the login is checked, so it never reaches the shared session. */
    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String getUsername() {
        return account.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return account.enabled();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WenshuUser u && u.account.id() == account.id();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(account.id());
    }

    @Override
    public String toString() {
        return "WenshuUser[" + account.username() + ", " + account.role() + "]";
    }
}
