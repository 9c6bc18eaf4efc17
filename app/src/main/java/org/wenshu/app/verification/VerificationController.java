package org.wenshu.app.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.VerifiableRecord;

/**
 * The public pages (no login): {@code /v/{code}}, the summary the QR code of an issued instrument opens — 发文字号,
 * issuing unit, date, SHA-256 of the sealed PDF and current status, never content or replies — and {@code /verify},
 * where anyone uploads a PDF and reads the verdict in plain Chinese.
 */
@Controller
public class VerificationController implements PageController {

    private final PublicVerification verification;

    public VerificationController(PublicVerification verification) {
        this.verification = verification;
    }

    /** What the summary page shows of a record. */
    public record Summary(String number, String issuingUnit, String issueDate, String sha256, String status) {

        static Summary of(VerifiableRecord record, java.time.ZoneId zone) {
            return new Summary(record.number(), record.issuingUnit(),
                    record.issuedAt().atZone(zone).toLocalDate().format(java.time.format.DateTimeFormatter
                            .ofPattern("yyyy年M月d日")), record.instrumentSha256(), record.status().label());
        }
    }

    /**
     * The public summary; an unknown code renders the same template with 404 after the same single equality lookup,
     * so a code one letter off an issued one answers exactly like any other unknown code.
     */
    @GetMapping("/v/{code}")
    public String summary(@PathVariable String code, Model model, HttpServletResponse response) {
        Optional<VerifiableRecord> found = verification.summary(code);
        privateHeaders(response);
        model.addAttribute("code", code.length() > 64 ? code.substring(0, 64) : code);
        model.addAttribute("summary", found.map(record -> Summary.of(record, verification.zone())).orElse(null));
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        return "verification/summary";
    }

    @GetMapping("/verify")
    public String form(Model model) {
        model.addAttribute("maxMb", verification.maxBytes() / 1024 / 1024);
        return "verification/verify";
    }

    @PostMapping("/verify")
    public String verify(@RequestParam(name = "file", required = false) MultipartFile file, Model model,
                         HttpServletResponse response) {
        model.addAttribute("maxMb", verification.maxBytes() / 1024 / 1024);
        privateHeaders(response);
        try {
            byte[] content = file == null ? new byte[0] : file.getBytes();
            model.addAttribute("fileName", file == null ? null : file.getOriginalFilename());
            model.addAttribute("verdict", verification.verify(file == null ? "" : file.getOriginalFilename(), content));
        } catch (UploadRefused refused) {
            model.addAttribute("error", refused.getMessage());
            response.setStatus(refused.status().value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "verification/verify";
    }

    /** A file past the server's multipart limit never reaches {@link #verify}: the form says why, beside the field. */
    @ExceptionHandler(MultipartException.class)
    public ModelAndView uploadFailed(MultipartException failure, HttpServletResponse response) {
        ExtendedModelMap model = new ExtendedModelMap();
        model.addAttribute("maxMb", verification.maxBytes() / 1024 / 1024);
        boolean tooLarge = failure instanceof MaxUploadSizeExceededException;
        model.addAttribute("error", tooLarge ? "文件过大：只验证不超过 " + verification.maxBytes() / 1024 / 1024 + " MB 的 PDF 文件"
                : "上传未完成或格式有误，请重新选择文件");
        response.setStatus(tooLarge ? HttpStatus.CONTENT_TOO_LARGE.value() : HttpStatus.BAD_REQUEST.value());
        return new ModelAndView("verification/verify", model);
    }

    /** The code in the address and the verdict are nobody else's business: not cached, not passed on, not indexed. */
    private static void privateHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex");
    }
}
