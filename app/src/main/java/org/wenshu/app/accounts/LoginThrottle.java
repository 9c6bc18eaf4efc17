package org.wenshu.app.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * 登录限流: repeated failed logins lock the account ({@link Accounts#recordFailedLogin}, shared by every node through
 * the database) and, per client address, refuse further attempts for a while once
 * {@value #MAX_FAILURES_PER_ADDRESS} failures fall within {@link #WINDOW} (kept in memory per node).
 */
public final class LoginThrottle {

    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final Accounts accounts;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failuresByAddress = new ConcurrentHashMap<>();

    public LoginThrottle(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Whether {@code address} has failed too often lately and must wait. */
    public boolean blocked(String address) {
        Deque<Instant> failures = failuresByAddress.get(address);
        if (failures == null) {
            return false;
        }
        synchronized (failures) {
            prune(failures);
            return failures.size() >= MAX_FAILURES_PER_ADDRESS;
        }
    }

    @EventListener
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        Object name = event.getAuthentication().getPrincipal();
        if (name instanceof String username) {
            accounts.recordFailedLogin(username);
        }
        addressOf(event.getAuthentication().getDetails()).ifPresent(this::recordFailure);
    }

    @EventListener
    public void onSuccess(AuthenticationSuccessEvent event) {
        accounts.recordSuccessfulLogin(event.getAuthentication().getName());
    }

    /** Counts one failed attempt from {@code address}. */
    public void recordFailure(String address) {
        if (failuresByAddress.size() > MAX_TRACKED_ADDRESSES) {
            failuresByAddress.clear(); // bounded memory under a flood of addresses; account locks still hold
        }
        Deque<Instant> failures = failuresByAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (failures) {
            prune(failures);
            failures.addLast(clock.instant());
        }
    }

    private void prune(Deque<Instant> failures) {
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(cutoff)) {
            failures.removeFirst();
        }
    }

    private static java.util.Optional<String> addressOf(Object details) {
        return details instanceof WebAuthenticationDetails web ? java.util.Optional.ofNullable(web.getRemoteAddress())
                : java.util.Optional.empty();
    }
}
