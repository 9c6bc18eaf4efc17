package org.wenshu.app.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.wenshu.archive.Unit;

/** The JSON shapes of accounts and API tokens in the REST API (never a password hash or a token's hash). */
public final class AccountJson {

    private AccountJson() {
    }

    /** An account with its role (and Chinese label) and, when bound to one, its unit. */
    public static Map<String, Object> account(Account account, Optional<Unit> unit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", account.username());
        json.put("displayName", account.displayName());
        json.put("role", account.role().name());
        json.put("roleLabel", account.role().label());
        json.put("unitId", account.unitId().orElse(null));
        json.put("unit", unit.map(Unit::name).orElse(null));
        json.put("enabled", account.enabled());
        json.put("demo", account.demo());
        json.put("createdAt", account.createdAt().toString());
        return json;
    }

    /** A token as listed: id, name, times; the secret only in {@link #created}. */
    public static Map<String, Object> token(ApiTokens.TokenInfo token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", token.id());
        json.put("name", token.name());
        json.put("createdAt", token.createdAt().toString());
        json.put("lastUsedAt", token.lastUsedAt().map(Object::toString).orElse(null));
        json.put("revokedAt", token.revokedAt().map(Object::toString).orElse(null));
        return json;
    }

    /** A new token with its secret, which is shown this once. */
    public static Map<String, Object> created(ApiTokens.CreatedToken token) {
        Map<String, Object> json = token(token.info());
        json.put("secret", token.secret());
        return json;
    }
}
