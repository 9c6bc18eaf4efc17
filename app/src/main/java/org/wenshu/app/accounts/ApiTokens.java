package org.wenshu.app.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 个人访问令牌: personal API tokens ({@code Authorization: Bearer wst_…}). A token is shown once when created; only
 * its SHA-256 is stored (a 256-bit random secret needs no slow hash), so a database copy reveals no token.
 */
public final class ApiTokens {

    /** The prefix that marks a wenshu token (so secret scanners can find leaked ones). */
    public static final String PREFIX = "wst_";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token as listed: never the secret. */
    public record TokenInfo(String id, long accountId, String name, Instant createdAt, Optional<Instant> lastUsedAt,
                            Optional<Instant> revokedAt) {
    }

    /** A newly created token: {@code secret} is shown to its owner this once. */
    public record CreatedToken(TokenInfo info, String secret) {
    }

    /** Creates a token for {@code account} named {@code name} (1–100 characters). */
    public CreatedToken create(Account account, String name) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new AccountInvalid("name", "令牌名称须为 1–100 个字符");
        }
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.update("INSERT INTO api_tokens (id, account_id, name, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                id, account.id(), label, sha256(secret), Timestamp.from(now));
        return new CreatedToken(new TokenInfo(id, account.id(), label, now, Optional.empty(), Optional.empty()), secret);
    }

    /** The account of an unrevoked token, recording its use; empty for an unknown, malformed or revoked token. */
    public Optional<Long> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        List<Long> accounts = jdbc.queryForList(
                "SELECT account_id FROM api_tokens WHERE token_sha256 = ? AND revoked_at IS NULL", Long.class, hash);
        if (accounts.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("UPDATE api_tokens SET last_used_at = ? WHERE token_sha256 = ?", Timestamp.from(clock.instant()), hash);
        return Optional.of(accounts.get(0));
    }

    /** The tokens of an account, newest first. */
    public List<TokenInfo> list(Account account) {
        return jdbc.query("SELECT id, account_id, name, created_at, last_used_at, revoked_at FROM api_tokens "
                + "WHERE account_id = ? ORDER BY created_at DESC", (rs, n) -> new TokenInfo(rs.getString("id"),
                rs.getLong("account_id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("last_used_at")).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getTimestamp("revoked_at")).map(Timestamp::toInstant)), account.id());
    }

    /** Revokes a token of {@code account}; false if it has no such unrevoked token. */
    public boolean revoke(Account account, String tokenId) {
        return jdbc.update("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), tokenId, account.id()) == 1;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
