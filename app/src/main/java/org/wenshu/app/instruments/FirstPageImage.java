package org.wenshu.app.instruments;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The first page of a PDF as a PNG (PDFBox {@link PDFRenderer}, seal appearance included): the preview of a draft and
 * the picture of a sealed instrument on its record page, which phones show where they cannot show a PDF in a frame.
 *
 * @param png   the image
 * @param pages the number of pages of the whole document
 */
public record FirstPageImage(byte[] png, int pages) {

    /** Resolution: 100 dpi gives an A4 page of 827 × 1169 pixels, legible on a screen. */
    static final float DPI = 100f;

    /**
     * Renders the first page of {@code pdf}.
     *
     * @throws UncheckedIOException when the PDF cannot be read or rendered
     */
    public static FirstPageImage of(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.RGB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return new FirstPageImage(png.toByteArray(), document.getNumberOfPages());
        } catch (IOException e) {
            throw new UncheckedIOException("the first page cannot be rendered", e);
        }
    }

    /** The image as a response; a sealed instrument never changes, so the browser may keep it for a day. */
    public ResponseEntity<byte[]> response() {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePrivate())
                .header("X-Content-Type-Options", "nosniff").body(png);
    }
}
