package org.wenshu.app.instruments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.Downloads;
import org.wenshu.app.api.Paged;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.UploadedFile;

/**
 * {@code /api/v1/instruments/{id}/responses}: an agency's responses (回复) to an instrument — upload (multipart, the
 * archive's content checks and limits), list, read, and download the attached files.
 */
@RestController
@RequestMapping("/api/v1/instruments/{id}/responses")
@Tag(name = "回复", description = "行政机关的回复与附件")
public class ResponsesApiController {

    private final Instruments instruments;

    public ResponsesApiController(Instruments instruments) {
        this.instruments = instruments;
    }

    /** The multipart form of an upload, for the API description (the operation binds the parts one by one). */
    @Schema(name = "ResponseUpload", description = "回复：结构化答复与附件")
    public record ResponseUpload(
            @Schema(description = "整改措施", requiredMode = Schema.RequiredMode.REQUIRED) String measures,
            @Schema(description = "整改结果", requiredMode = Schema.RequiredMode.REQUIRED) String results,
            @Schema(description = "采纳情况：采纳 / 部分采纳 / 未采纳", requiredMode = Schema.RequiredMode.REQUIRED) String adoption,
            @Schema(description = "附件（PDF、DOCX、OFD、JPEG、PNG），一个或多个", requiredMode = Schema.RequiredMode.REQUIRED)
            List<MultipartFile> files) {
    }

    @GetMapping
    @Operation(summary = "回复列表", description = "文书的回复；行政机关只看到本单位的回复。分页。")
    public Paged<Map<String, Object>> list(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                           @PathVariable String id,
                                           @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                           @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                           @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        return Paged.of(instruments.responses(user, id), page, size, RecordJson::response);
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "已收到回复")
    @ApiResponse(responseCode = "422", description = "附件被拒收（类型或大小不符），什么也没有保存")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = ResponseUpload.class)))
    @Operation(summary = "上传回复", description = "主送单位的联络员提交整改措施、整改结果、采纳情况和一个或多个附件"
            + "（PDF、DOCX、OFD、JPEG、PNG）。每个文件按内容检查类型与大小，任何一个被拒收则什么也不保存，"
            + "并在 errors 中逐个说明。")
    public ResponseEntity<Map<String, Object>> respond(
            @AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user, @PathVariable String id,
            // The files first: a request that is not multipart/form-data is then answered 415, not "measures missing".
            @RequestPart("files") @Parameter(hidden = true) List<MultipartFile> files,
            @RequestParam @Parameter(hidden = true) String measures,
            @RequestParam @Parameter(hidden = true) String results,
            @RequestParam @Parameter(hidden = true) String adoption) {
        List<UploadedFile> uploads = new ArrayList<>();
        for (MultipartFile file : files) {
            try {
                uploads.add(new UploadedFile(file.getOriginalFilename() == null ? "" : file.getOriginalFilename(),
                        file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        StoredResponse response = instruments.respond(user, id, measures, results,
                InstrumentsApiController.adoption("adoption", adoption), uploads);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/instruments/" + response.recordId() + "/responses/" + response.id()))
                .body(RecordJson.response(response));
    }

    @GetMapping("/{responseId}")
    @Operation(summary = "回复详情")
    public Map<String, Object> get(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                   @PathVariable String id, @PathVariable String responseId) {
        return RecordJson.response(instruments.response(user, id, responseId));
    }

    @GetMapping("/{responseId}/files/{index}")
    @Operation(summary = "下载回复附件", description = "第 index 个附件（从 0 起），以上传时的文件名下载。")
    public ResponseEntity<byte[]> file(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                       @PathVariable String id, @PathVariable String responseId,
                                       @PathVariable int index) {
        Instruments.Download download = instruments.responseFile(user, id, responseId, index);
        return Downloads.attachment(download.name(), download.file().mediaType(), download.content());
    }
}
