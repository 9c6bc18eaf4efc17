package org.wenshu.app.instruments;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.api.Paged;
import org.wenshu.app.api.ResourceNotFound;
import org.wenshu.templates.InstrumentCatalog;

/** {@code /api/v1/types}: the instrument types (文书类型) and their field specifications, as {@code wenshu types --json}. */
@RestController
@RequestMapping("/api/v1/types")
@Tag(name = "文书类型")
public class TypesApiController {

    private final InstrumentCatalog catalog;

    public TypesApiController(InstrumentCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "文书类型列表", description = "每种文书的字段规格（名称、标签、类型、必填、长度、可选值），供生成表单。分页。"
            + "standalone 为 false 的类型（会议纪要）有自己的流程（在联席会议中录入），不能单独发文或批量发文；"
            + "standalone=true 只列出可以发文的类型。")
    public Paged<Map<String, Object>> list(@RequestParam(required = false) @io.swagger.v3.oas.annotations.Parameter(
                                                   description = "true：只列出可以单独发文或批量发文的类型") Boolean standalone,
                                           @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                           @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                           @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        return Paged.of(Boolean.TRUE.equals(standalone) ? catalog.standaloneTypes() : catalog.types(), page, size,
                RecordJson::type);
    }

    @GetMapping("/{typeId}")
    @Operation(summary = "文书类型详情")
    public Map<String, Object> get(@PathVariable String typeId) {
        return catalog.find(typeId).map(RecordJson::type)
                .orElseThrow(() -> new ResourceNotFound("未知的文书类型「" + typeId + "」"));
    }
}
