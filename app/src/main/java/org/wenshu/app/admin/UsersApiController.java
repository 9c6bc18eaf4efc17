package org.wenshu.app.admin;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.accounts.Account;
import org.wenshu.app.accounts.AccountJson;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.api.Paged;
import org.wenshu.app.api.ResourceNotFound;
import org.wenshu.archive.Archive;

/** {@code /api/v1/users}: account administration (用户管理), for ADMIN only. */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "用户管理", description = "仅管理员")
public class UsersApiController {

    private final Accounts accounts;
    private final Archive archive;

    public UsersApiController(Accounts accounts, Archive archive) {
        this.accounts = accounts;
        this.archive = archive;
    }

    /** A new account: role PROSECUTOR / AGENCY / RESEARCHER / ADMIN (or the Chinese label); unit for the first two. */
    public record NewUser(@NotBlank(message = "缺少用户名 username") String username, String displayName,
                          @NotBlank(message = "缺少角色 role（PROSECUTOR / AGENCY / RESEARCHER / ADMIN）") String role,
                          String unit, @NotBlank(message = "缺少初始密码 password") String password) {
    }

    @GetMapping
    @Operation(summary = "用户列表", description = "按用户名排序，分页。")
    public Paged<Map<String, Object>> list(@RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                           @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                           @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        return new Paged<>(accounts.list(Paged.offset(page, size), size).stream().map(this::json).toList(), page, size,
                accounts.count());
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "已创建")
    @Operation(summary = "新建用户", description = "检察官须属于检察院，联络员须属于一个单位；密码至少 10 个字符且不过于简单。")
    public ResponseEntity<Map<String, Object>> create(@Valid @RequestBody NewUser body) {
        Role role = Role.parse(body.role()).orElseThrow(() -> new InputInvalid("role",
                "角色「" + body.role() + "」无效：可选 PROSECUTOR、AGENCY、RESEARCHER、ADMIN"));
        Account account = accounts.create(body.username(), body.displayName(), role,
                Optional.ofNullable(body.unit()).filter(u -> !u.isBlank()), body.password(), false);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/users/" + account.username()))
                .body(json(account));
    }

    @PostMapping("/{username}/disable")
    @Operation(summary = "停用用户", description = "其会话与令牌随即失效。")
    public Map<String, Object> disable(@PathVariable String username) {
        return json(accounts.setEnabled(existing(username), false));
    }

    @PostMapping("/{username}/enable")
    @Operation(summary = "启用用户")
    public Map<String, Object> enable(@PathVariable String username) {
        return json(accounts.setEnabled(existing(username), true));
    }

    private String existing(String username) {
        return accounts.find(username).map(Account::username)
                .orElseThrow(() -> new ResourceNotFound("没有找到用户「" + username + "」"));
    }

    private Map<String, Object> json(Account account) {
        return AccountJson.account(account, account.unitId().map(archive::unit));
    }
}
