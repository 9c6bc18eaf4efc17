package org.wenshu.app.research;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.search.Precedent;
import org.wenshu.search.RecordText;

/**
 * {@code /api/v1/similar}: similar precedents (类案) of a record ({@code GET ?record=ID}) or of a pasted passage
 * ({@code POST {"text": "..."}}, at most {@value Research#MAX_PASSAGE_LENGTH} characters), each with the terms it
 * shares, limited to what the user may find. A record the user may not find is a 404, as an unknown one.
 */
@RestController
@RequestMapping("/api/v1/similar")
@Validated
@Tag(name = "检索", description = "全文检索：文书、回复和参考文献")
public class SimilarApiController {

    private final Research research;

    public SimilarApiController(Research research) {
        this.research = research;
    }

    /** The body of {@code POST /api/v1/similar}: the passage to compare. */
    public record Passage(String text) {
    }

    @GetMapping
    @Operation(summary = "记录的类案", description = "与记录 record 最相似的文书、回复和参考文献（最多 "
            + Research.SIMILAR_LIMIT + " 条），附相同的词语；无此记录或无权查看时返回 404。")
    public Map<String, Object> similarTo(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                         @RequestParam @NotBlank(message = "缺少记录编号 record") String record) {
        Research.Similar similar = research.similarTo(user, record);
        Map<String, Object> json = new LinkedHashMap<>();
        RecordText source = similar.source().orElseThrow();
        json.put("record", SearchApiController.hit(source.hit()));
        json.put("precedents", precedents(similar.precedents()));
        return json;
    }

    @PostMapping
    @Operation(summary = "文字的类案", description = "与一段文字（检察建议草稿、案情描述，JSON {\"text\": \"…\"}，不超过 "
            + Research.MAX_PASSAGE_LENGTH + " 字）最相似的记录（最多 " + Research.SIMILAR_LIMIT + " 条），附相同的词语。")
    public Map<String, Object> similarToText(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                             @RequestBody Passage passage) {
        String text = passage == null ? null : passage.text();
        Research.passageProblem(text).ifPresent(problem -> {
            throw new InputInvalid("text", problem);
        });
        return Map.of("precedents", precedents(research.similarToText(user, text).precedents()));
    }

    private static List<Map<String, Object>> precedents(List<Precedent> precedents) {
        return precedents.stream().map(p -> {
            Map<String, Object> json = SearchApiController.hit(p.hit());
            json.put("sharedTerms", p.sharedTerms());
            return json;
        }).toList();
    }
}
