package org.wenshu.app.accounts;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Loads {@link WenshuUser}s from the accounts table for form login and HTTP Basic. */
public final class AccountUserDetailsService implements UserDetailsService {

    private final Accounts accounts;

    public AccountUserDetailsService(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = accounts.find(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        String hash = accounts.passwordHash(account.username()).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return new WenshuUser(account, hash, account.lockedAt(accounts.now()));
    }
}
