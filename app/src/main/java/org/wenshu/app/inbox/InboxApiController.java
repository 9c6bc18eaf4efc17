package org.wenshu.app.inbox;

import java.time.LocalDate;
import java.util.Map;

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
import org.wenshu.app.instruments.Instruments;
import org.wenshu.app.instruments.RecordJson;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.RecordStatus;

/** {@code /api/v1/inbox}: the instruments addressed (主送) to the agency officer's unit, with the days left to reply. */
@RestController
@RequestMapping("/api/v1/inbox")
@Tag(name = "收件箱", description = "行政机关联络员")
public class InboxApiController {

    private final Instruments instruments;

    public InboxApiController(Instruments instruments) {
        this.instruments = instruments;
    }

    @GetMapping
    @Operation(summary = "收件箱", description = "主送本单位的文书，新的在前；daysLeft 为距回复期限的天数（负数为已逾期，无须回复时为 null）。分页。")
    public Paged<Map<String, Object>> inbox(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                            @RequestParam(required = false) @Parameter(description = "存储状态") RecordStatus status,
                                            @RequestParam(defaultValue = "false") @Parameter(description = "只列逾期未回复的") boolean overdue,
                                            @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                            @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                            @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        LocalDate today = instruments.today();
        RecordQuery query = RecordQuery.all();
        if (status != null) {
            query = query.status(status);
        }
        if (overdue) {
            query = query.overdueOn(today);
        }
        RecordQuery.Page found = instruments.inbox(user, query, Paged.offset(page, size), size);
        return new Paged<>(found.items().stream().map(r -> RecordJson.inboxItem(r, today)).toList(), page, size,
                found.total());
    }
}
