package org.wenshu.app.accounts;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.api.Paged;
import org.wenshu.app.api.ResourceNotFound;
import org.wenshu.archive.Archive;

/** {@code /api/v1/account}: the signed-in user's account and personal API tokens (个人访问令牌). */
@RestController
@RequestMapping("/api/v1/account")
@Tag(name = "我的账号")
public class AccountApiController {

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final Archive archive;

    public AccountApiController(Accounts accounts, ApiTokens tokens, Archive archive) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.archive = archive;
    }

    /** A new token's name. */
    public record TokenBody(@NotBlank(message = "缺少令牌名称 name") String name) {
    }

    @GetMapping
    @Operation(summary = "当前账号", description = "用户名、姓名、角色和所属单位。")
    public Map<String, Object> me(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user) {
        Account account = current(user);
        return AccountJson.account(account, account.unitId().map(archive::unit));
    }

    @GetMapping("/tokens")
    @Operation(summary = "我的令牌", description = "个人访问令牌，新的在前；不含令牌本身。分页。")
    public Paged<Map<String, Object>> tokens(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                             @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                             @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                             @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        return Paged.of(tokens.list(current(user)), page, size, AccountJson::token);
    }

    @PostMapping("/tokens")
    @ApiResponse(responseCode = "201", description = "已创建，secret 只显示这一次")
    @Operation(summary = "创建令牌", description = "返回的 secret 只显示这一次，以 Authorization: Bearer 使用；服务器只保存其 SHA-256。")
    public ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                                      @Valid @RequestBody TokenBody body) {
        ApiTokens.CreatedToken created = tokens.create(current(user), body.name());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/account/tokens/" + created.info().id())).body(AccountJson.created(created));
    }

    @DeleteMapping("/tokens/{tokenId}")
    @ApiResponse(responseCode = "204", description = "已撤销")
    @Operation(summary = "撤销令牌", description = "撤销后立即失效。")
    public ResponseEntity<Void> revoke(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                       @PathVariable String tokenId) {
        if (!tokens.revoke(current(user), tokenId)) {
            throw new ResourceNotFound("没有找到未撤销的令牌「" + tokenId + "」");
        }
        return ResponseEntity.noContent().build();
    }

    /** The account as stored now (the principal may be older than a change made in the meantime). */
    private Account current(WenshuUser user) {
        return accounts.find(user.account().id()).orElseThrow(() -> new ResourceNotFound("账号已不存在"));
    }
}
