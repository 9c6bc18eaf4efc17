package org.wenshu.app.instruments;

import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.Paged;
import org.wenshu.archive.RegisterEntry;

/** {@code /api/v1/register}: the document register (发文登记簿) of the user's procuratorate, void numbers included. */
@RestController
@RequestMapping("/api/v1/register")
@Tag(name = "发文登记簿")
public class RegisterApiController {

    private final Instruments instruments;

    public RegisterApiController(Instruments instruments) {
        this.instruments = instruments;
    }

    @GetMapping
    @Operation(summary = "发文登记簿", description = "本院（管理员：全部）取用过的每个发文字号，含作废号及作废理由；可按年份筛选，分页。")
    public Paged<Map<String, Object>> register(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                               @RequestParam(required = false) @Min(value = 2000, message = "年份须在 2000–2100 之间")
                                               @Max(value = 2100, message = "年份须在 2000–2100 之间") Integer year,
                                               @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                               @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                               @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        RegisterEntry.Page found = instruments.register(user, Optional.ofNullable(year), Optional.empty(),
                Paged.offset(page, size), size);
        return new Paged<>(found.items().stream().map(RecordJson::registerEntry).toList(), page, size, found.total());
    }
}
