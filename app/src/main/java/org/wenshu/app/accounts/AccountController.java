package org.wenshu.app.accounts;

import java.time.ZoneId;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.Archive;

/**
 * 我的账号: who I am and for which unit, and my personal API tokens (个人令牌) — create one (its secret is shown
 * this once and never again; only its SHA-256 is stored) or revoke one.
 */
@Controller
public class AccountController implements PageController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final Archive archive;
    private final ZoneId zone;

    public AccountController(Accounts accounts, ApiTokens tokens, Archive archive, @Value("${wenshu.archive.zone:Asia/Shanghai}") ZoneId zone) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.archive = archive;
        this.zone = zone;
    }

    /** A token as listed on the page. */
    public record TokenRow(String id, String name, String createdAt, String lastUsedAt, boolean revoked,
                           String revokedAt) {
    }

    @GetMapping("/account")
    public String account(@AuthenticationPrincipal WenshuUser user, Model model) {
        return page(user, Map.of(), "", model);
    }

    @PostMapping("/account/tokens")
    public String create(@AuthenticationPrincipal WenshuUser user, @RequestParam(defaultValue = "") String name,
                         Model model, HttpServletResponse response) {
        try {
            ApiTokens.CreatedToken created = tokens.create(current(user), name);
            model.addAttribute("secret", created.secret());
            model.addAttribute("secretName", created.info().name());
            // The secret is in this response only: never cache it.
            response.setHeader("Cache-Control", "no-store");
            return page(user, Map.of(), "", model);
        } catch (AccountInvalid invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(user, Map.of("name", invalid.getMessage()), name, model);
        }
    }

    @PostMapping("/account/tokens/{tokenId}/revoke")
    public String revoke(@AuthenticationPrincipal WenshuUser user, @PathVariable String tokenId,
                         RedirectAttributes redirect) {
        boolean revoked = tokens.revoke(current(user), tokenId);
        redirect.addFlashAttribute("notice", revoked ? "令牌已吊销，使用它的调用将立即被拒绝。" : "没有这个有效令牌（可能已吊销）。");
        return "redirect:/account";
    }

    private Account current(WenshuUser user) {
        return accounts.find(user.account().id()).orElse(user.account());
    }

    private String page(WenshuUser user, Map<String, String> errors, String name, Model model) {
        Account account = current(user);
        model.addAttribute("account", account);
        model.addAttribute("unit", account.unitId().map(archive::unit).map(u -> u.name()).orElse("—"));
        model.addAttribute("tokens", tokens.list(account).stream().map(t -> new TokenRow(t.id(), t.name(),
                format(t.createdAt()), t.lastUsedAt().map(this::format).orElse("从未使用"), t.revokedAt().isPresent(),
                t.revokedAt().map(this::format).orElse(""))).toList());
        model.addAttribute("errors", errors);
        model.addAttribute("name", name);
        return "account/account";
    }

    private String format(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }
}
