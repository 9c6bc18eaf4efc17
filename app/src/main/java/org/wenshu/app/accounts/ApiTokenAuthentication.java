package org.wenshu.app.accounts;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Personal API tokens in {@code Authorization: Bearer wst_…} (RFC 6750 header syntax): the converter reads the
 * header, the provider checks the token's hash and the account.
 */
public final class ApiTokenAuthentication {

    private ApiTokenAuthentication() {
    }

    /** An unverified bearer token as read from the request. */
    static final class BearerToken extends AbstractAuthenticationToken {
        private final String token;

        BearerToken(String token) {
            super(java.util.List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "token";
        }
    }

    /** Reads a {@code wst_} bearer token; other Authorization headers (Basic) are left to their filters. */
    public static AuthenticationConverter converter() {
        return (HttpServletRequest request) -> {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            String token = header.substring(7).strip();
            return new BearerToken(token);
        };
    }

    /** Verifies bearer tokens against {@link ApiTokens}; a revoked token or a disabled account is refused. */
    public static AuthenticationProvider provider(ApiTokens tokens, Accounts accounts) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String secret = (String) authentication.getCredentials();
                long accountId = tokens.authenticate(secret)
                        .orElseThrow(() -> new BadCredentialsException("令牌无效或已撤销"));
                Account account = accounts.find(accountId)
                        .orElseThrow(() -> new BadCredentialsException("令牌无效或已撤销"));
                if (!account.enabled()) {
                    throw new DisabledException("账号已停用");
                }
                WenshuUser user = WenshuUser.of(account);
                return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
            }

            @Override
            public boolean supports(Class<?> type) {
                return BearerToken.class.isAssignableFrom(type);
            }
        };
    }
}
