package org.wenshu.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * 核验标记: the verification code and the QR code (ISO/IEC 18004, error correction level M) of the URL that opens the
 * record's public summary, printed in the footer of an issued instrument. The QR code is kept as its dark modules,
 * one run of adjacent modules per rectangle, so that it is printed as vector graphics, not as a bitmap: the layout
 * holds an {@code <object>} of type {@link #OBJECT_TYPE} with the runs as one path ({@link #pathData()}), which the
 * PDF renderer fills in one operation. (As inline SVG, Batik built a DOM, a CSS engine and a graphics node per
 * rectangle on every page: a quarter of an issued instrument's rendering.)
 *
 * @param code    the verification code as printed, e.g. {@code 7KQ2MXH9PD4R}
 * @param url     what the QR code encodes, e.g. {@code https://wenshu.example.cn/v/7KQ2MXH9PD4R}
 * @param modules the QR code's width and height in modules, without quiet zone
 * @param runs    the dark modules, row by row: each a horizontal run {@code x, y, width} in modules
 */
public record VerificationMark(String code, String url, int modules, List<Run> runs) {

    /** The {@code type} of the layout's {@code <object>} that the PDF renderer draws as this QR code. */
    public static final String OBJECT_TYPE = "application/x-wenshu-qr";

    /** A horizontal run of dark modules: {@code width} modules from column {@code x} in row {@code y}. */
    public record Run(int x, int y, int width) {
    }

    public VerificationMark {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(url, "url");
        runs = List.copyOf(runs);
    }

    /**
     * The mark of {@code code} whose QR code encodes {@code url}.
     *
     * @throws IllegalArgumentException when {@code url} is too long for a QR code or {@code code} is blank
     */
    public static VerificationMark of(String code, String url) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("verification code is blank");
        }
        BitMatrix matrix;
        try {
            // The quiet zone (4 modules) is left to the layout's padding, which keeps the footer's white around it.
            matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, 0,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot encode " + url + " as a QR code: " + e.getMessage(), e);
        }
        List<Run> runs = new ArrayList<>();
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < matrix.getWidth() && matrix.get(x, y)) {
                    x++;
                }
                runs.add(new Run(start, y, x - start));
            }
        }
        return new VerificationMark(code, url, matrix.getWidth(), runs);
    }

    /** Whether the module at column {@code x}, row {@code y} is dark. */
    public boolean dark(int x, int y) {
        return runs.stream().anyMatch(run -> run.y() == y && x >= run.x() && x < run.x() + run.width());
    }

    /**
     * The dark modules as SVG path data in module units: one closed rectangle per run, e.g. {@code M0 0h7v1h-7z}.
     * The runs never overlap, so the path fills exactly the dark modules under either fill rule.
     */
    public String pathData() {
        StringBuilder path = new StringBuilder(runs.size() * 16);
        for (Run run : runs) {
            path.append('M').append(run.x()).append(' ').append(run.y())
                    .append('h').append(run.width()).append("v1h-").append(run.width()).append('z');
        }
        return path.toString();
    }

    /** The template data: plain maps and lists, as the renderer's object wrapper exposes them. */
    Map<String, Object> model() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("code", code);
        model.put("url", url);
        model.put("modules", modules);
        model.put("runs", runs.stream().map(run -> List.of(run.x(), run.y(), run.width())).toList());
        model.put("path", pathData());
        model.put("objectType", OBJECT_TYPE);
        return model;
    }
}
