package org.wenshu.app.home;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.pages.PageController;

/** The login page and the start page, which sends each role to its workplace. */
@Controller
public class HomeController implements PageController {

    @GetMapping("/login")
    public String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                        Model model) {
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "locked" -> "账号因多次登录失败已暂时锁定，请 15 分钟后再试。";
                case "disabled" -> "账号已停用，请联系管理员。";
                case "throttled" -> "此地址登录失败次数过多，请稍后再试。";
                case "expired" -> "登录已过期，请重新登录。刚才提交的内容没有保存，登录后请重新填写。";
                case "stale" -> "页面已过期（可能在别处重新登录过），刚才提交的内容没有保存。请重新登录后再操作。";
                default -> "用户名或密码错误。";
            });
        }
        if (logout != null) {
            model.addAttribute("message", "已退出登录。");
        }
        return "login";
    }

    @GetMapping("/")
    public String home(@AuthenticationPrincipal WenshuUser user) {
        return switch (user.role()) {
            case AGENCY -> "redirect:/inbox";
            case PROSECUTOR, ADMIN -> "redirect:/instruments";
            case RESEARCHER -> "redirect:/search";
        };
    }
}
