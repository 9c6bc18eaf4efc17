package org.wenshu.app.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.wenshu.app.accounts.Account;
import org.wenshu.app.accounts.AccountInvalid;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.Archive;
import org.wenshu.archive.Unit;

/**
 * 用户管理 for administrators: the accounts a page at a time, a new account (role and unit, the initial password
 * checked like any other), and disabling or enabling one — a disabled user's sessions end at their next request.
 */
@Controller
@RequestMapping("/admin/users")
public class UsersController implements PageController {

    static final int PAGE_SIZE = 50;
    private static final java.util.Set<String> FIELDS = java.util.Set.of("username", "displayName", "role", "unit",
            "password");

    private final Accounts accounts;
    private final Archive archive;

    public UsersController(Accounts accounts, Archive archive) {
        this.accounts = accounts;
        this.archive = archive;
    }

    /** An account as listed, with its unit's name. */
    public record UserRow(String username, String displayName, String role, String unit, boolean enabled,
                          boolean demo) {
    }

    @GetMapping
    public String list(@RequestParam(defaultValue = "1") int page, Model model) {
        return page(Math.max(1, page), Map.of(), Map.of(), model);
    }

    @PostMapping
    public String create(@RequestParam(defaultValue = "") String username,
                         @RequestParam(defaultValue = "") String displayName,
                         @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String unit,
                         @RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect,
                         HttpServletResponse response) {
        Map<String, String> input = Map.of("username", username, "displayName", displayName, "role", role,
                "unit", unit);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Role> chosen = Role.parse(role);
        if (chosen.isEmpty()) {
            errors.put("role", "请选择角色");
        } else {
            try {
                Account account = accounts.create(username, displayName, chosen.get(),
                        Optional.of(unit.strip()).filter(u -> !u.isEmpty()), password, false);
                redirect.addFlashAttribute("notice", "已创建账号「" + account.username() + "」。");
                return "redirect:/admin/users";
            } catch (AccountInvalid invalid) {
                // Fields without an input of their own (e.g. the role for a unit) are shown above the form.
                errors.put(FIELDS.contains(invalid.field()) ? invalid.field() : "form", invalid.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(1, errors, input, model);
    }

    @PostMapping("/{username}/enabled")
    public String setEnabled(@AuthenticationPrincipal WenshuUser user, @PathVariable String username,
                             @RequestParam boolean enabled, RedirectAttributes redirect) {
        if (!enabled && user.account().username().equals(username)) {
            redirect.addFlashAttribute("error", "不能停用自己正在使用的账号。");
            return "redirect:/admin/users";
        }
        try {
            Account account = accounts.setEnabled(username, enabled);
            redirect.addFlashAttribute("notice", (enabled ? "已启用账号「" : "已停用账号「") + account.username() + "」。");
        } catch (AccountInvalid invalid) {
            redirect.addFlashAttribute("error", invalid.getMessage());
        }
        return "redirect:/admin/users";
    }

    private String page(int page, Map<String, String> errors, Map<String, String> input, Model model) {
        Map<String, String> unitNames = new LinkedHashMap<>();
        List<Unit> units = archive.units();
        units.forEach(u -> unitNames.put(u.id(), u.name()));
        long total = accounts.count();
        model.addAttribute("users", accounts.list((page - 1) * PAGE_SIZE, PAGE_SIZE).stream()
                .map(a -> new UserRow(a.username(), a.displayName(), a.role().label(),
                        a.unitId().map(id -> unitNames.getOrDefault(id, id)).orElse("—"), a.enabled(), a.demo()))
                .toList());
        model.addAttribute("page", page);
        model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("total", total);
        model.addAttribute("roles", Role.values());
        model.addAttribute("units", units);
        model.addAttribute("errors", errors);
        model.addAttribute("input", input);
        return "admin/users";
    }
}
