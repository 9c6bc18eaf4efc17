package org.wenshu.app;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.ApiTokenAuthentication;
import org.wenshu.app.accounts.ApiTokens;
import org.wenshu.app.accounts.LoginThrottle;
import org.wenshu.app.web.Problems;

/**
 * Spring Security for the web application. Two filter chains: {@code /api/**} is stateless (HTTP Basic or a personal
 * bearer token on every request, no session, no cookies, so no CSRF token either; failures as RFC 9457 problems), and
 * the pages use form login with a session shared through the database and CSRF protection. Which records a user may
 * see is decided per resource kind by the access classes, for pages and API alike.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // CLI contexts have no HttpSecurity
@EnableMethodSecurity
public class SecurityConfiguration {

    /** Pages and endpoints anyone may open (login, assets, the API description, public verification). */
    static final String[] PUBLIC_PAGES = {"/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
            "/error", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/verify", "/v/**"};

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, Accounts accounts, LoginThrottle throttle)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> Problems.write(request, response,
                Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "未登录", messageOf(failure)));
        AccessDeniedHandler denied = (request, response, failure) -> Problems.write(request, response,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "无权访问", "当前账号无权执行此操作"));
        AuthenticationFilter bearer = new AuthenticationFilter(
                new ProviderManager(ApiTokenAuthentication.provider(tokens, accounts)), ApiTokenAuthentication.converter());
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler(unauthenticated::commence);
        bearer.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/verify").permitAll()
                        .requestMatchers("/api/v1/workpoints/**").hasAnyRole("ADMIN", "PROSECUTOR", "AGENCY")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .addFilterBefore(new ThrottleFilter(throttle, false), AuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Never read the browser's session here: an API call is authenticated by its own header only, which
                // is what makes switching CSRF protection off safe for this chain.
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http, LoginThrottle throttle) throws Exception {
        ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setExceptionMappings(Map.of(
                LockedException.class.getName(), "/login?error=locked",
                DisabledException.class.getName(), "/login?error=disabled"));
        failures.setDefaultFailureUrl("/login?error=credentials");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/inbox/**").hasRole("AGENCY")
                        .requestMatchers("/instruments/**").hasAnyRole("PROSECUTOR", "ADMIN")
                        .requestMatchers("/search", "/search/**", "/references/**")
                                .hasAnyRole("RESEARCHER", "PROSECUTOR", "AGENCY", "ADMIN")
                        .requestMatchers("/dashboard", "/dashboard/**").hasAnyRole("PROSECUTOR", "ADMIN")
                        .requestMatchers("/reports", "/reports/**").hasRole("ADMIN")
                        .requestMatchers("/workpoints/**").hasAnyRole("ADMIN", "PROSECUTOR", "AGENCY")
                        .requestMatchers("/leads", "/leads/**").hasAnyRole("AGENCY", "PROSECUTOR", "ADMIN")
                        .requestMatchers("/meetings/**").hasAnyRole("PROSECUTOR", "ADMIN", "AGENCY")
                        .requestMatchers("/bulk-issues", "/bulk-issues/**").hasAnyRole("PROSECUTOR", "ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").failureHandler(failures).defaultSuccessUrl("/", true))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new PageLoginEntryPoint())
                        .accessDeniedHandler(new PageAccessDenied()))
                .addFilterBefore(new ThrottleFilter(throttle, true), UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers
                        .frameOptions(frames -> frames.sameOrigin())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self'; script-src 'self'; object-src 'none'; frame-src 'self'; "
                                + "frame-ancestors 'self'; form-action 'self'; base-uri 'self'")));
        return http.build();
    }

    private static String messageOf(AuthenticationException failure) {
        if (failure instanceof DisabledException) {
            return "账号已停用";
        }
        if (failure instanceof LockedException) {
            return "账号因多次登录失败已暂时锁定，请 15 分钟后再试";
        }
        return failure == null || failure.getMessage() == null || !failure.getMessage().matches(".*\\p{IsHan}.*")
                ? "需要登录：HTTP Basic 或 Authorization: Bearer 个人令牌" : failure.getMessage();
    }

    /**
     * Sends a visitor without a valid session to the login page, saying so when the session they had has expired
     * (or was ended by an administrator) rather than never existed.
     */
    static final class PageLoginEntryPoint extends LoginUrlAuthenticationEntryPoint {

        PageLoginEntryPoint() {
            super("/login");
        }

        @Override
        protected String determineUrlToUseForThisRequest(HttpServletRequest request, HttpServletResponse response,
                                                         AuthenticationException exception) {
            return expiredSession(request) ? "/login?error=expired" : "/login";
        }

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response,
                             AuthenticationException exception) throws IOException, ServletException {
            if ("true".equals(request.getHeader("HX-Request"))) {
                // htmx would swap the login page into a fragment; make it load the whole page instead.
                response.setHeader("HX-Redirect", request.getContextPath()
                        + determineUrlToUseForThisRequest(request, response, exception));
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            super.commence(request, response, exception);
        }
    }

    /**
     * A form posted with a stale or missing CSRF token (an expired session, a page left open across a new login)
     * goes back to the login page with a message; any other refusal is the friendly 403 page.
     */
    static final class PageAccessDenied implements AccessDeniedHandler {

        private final AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException failure)
                throws IOException, ServletException {
            if (!(failure instanceof CsrfException)) {
                forbidden.handle(request, response, failure);
                return;
            }
            String target = request.getContextPath() + "/login?error=" + (expiredSession(request) ? "expired" : "stale");
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", target);
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            response.sendRedirect(target);
        }
    }

    private static boolean expiredSession(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }

    /** Refuses login attempts from an address that failed too often lately (429 / the login page's message). */
    static final class ThrottleFilter extends OncePerRequestFilter {
        private final LoginThrottle throttle;
        private final boolean page;

        ThrottleFilter(LoginThrottle throttle, boolean page) {
            this.throttle = throttle;
            this.page = page;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean attempt = page ? "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())
                    : request.getHeader("Authorization") != null;
            if (attempt && throttle.blocked(request.getRemoteAddr())) {
                if (page) {
                    response.sendRedirect(request.getContextPath() + "/login?error=throttled");
                } else {
                    response.setHeader("Retry-After", String.valueOf(LoginThrottle.WINDOW.toSeconds()));
                    Problems.write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts",
                            "尝试次数过多", "此地址登录失败次数过多，请稍后再试"));
                }
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
