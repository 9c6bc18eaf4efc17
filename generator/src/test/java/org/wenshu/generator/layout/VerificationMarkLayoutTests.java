package org.wenshu.generator.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wenshu.generator.Fixtures;
import org.wenshu.generator.fixtures.PdfAFixtures;
import org.wenshu.templates.VerificationMark;

/** The verification code and its QR code in the footer of an issued instrument, as the application seals it. */
class VerificationMarkLayoutTests {

    private static final String CODE = "7KQ2MXH9PD4R";
    private static final String URL = "https://wenshu.example.cn/v/" + CODE;
    private static byte[] sealed;

    @BeforeAll
    static void printSealedNoticeWithMark() {
        sealed = new Printing().printSealed("meeting-notice", Fixtures.example("meeting-notice"),
                VerificationMark.of(CODE, URL));
        Fixtures.keep("verification-mark", sealed);
    }

    @Test
    void theLayoutStillFollowsGbT9704OnEveryPage() {
        PrintedDocument document = PrintedDocumentReader.read(sealed);

        assertThat(document.pages()).hasSizeGreaterThan(1);
        assertThat(LayoutChecker.check(document)).isEmpty();
    }

    @Test
    void theSealedFileIsStillPdfA2b() {
        assertThat(PdfAFixtures.pdfA2bFailures(sealed)).isEmpty();
    }

    @Test
    void everyPagePrintsTheCode() throws IOException {
        try (PDDocument document = Loader.loadPDF(sealed)) {
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);

                assertThat(stripper.getText(document)).as("page %d", page).contains("核验码 " + CODE);
            }
        }
    }

    @Test
    void theQrCodeOnEachPageDecodesToThePublicSummaryUrl() throws Exception {
        try (PDDocument document = Loader.loadPDF(sealed)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 200, ImageType.RGB);

                assertThat(decode(image)).as("page %d", page + 1).isEqualTo(URL);
            }
        }
    }

    @Test
    void theQrCodeIsDrawnAsVectorPathsNotABitmap() throws IOException {
        try (PDDocument document = Loader.loadPDF(sealed)) {
            for (var page : document.getPages()) {
                assertThat(images(page.getResources())).isZero();
            }
        }
    }

    private static int images(org.apache.pdfbox.pdmodel.PDResources resources) throws IOException {
        int count = 0;
        for (var name : resources.getXObjectNames()) {
            var object = resources.getXObject(name);
            if (object instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) {
                count++;
            } else if (object instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form
                    && form.getResources() != null) {
                count += images(form.getResources());
            }
        }
        return count;
    }

    static String decode(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        Result result = new QRCodeReader().decode(bitmap, java.util.Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        return result.getText();
    }

    @Test
    void theMarkKeepsEveryDarkModuleOfTheQrCode() {
        VerificationMark mark = VerificationMark.of(CODE, URL);

        // Finder patterns: the three 7x7 corners are dark on their outer ring, light just inside.
        for (int[] corner : List.of(new int[] {0, 0}, new int[] {mark.modules() - 7, 0}, new int[] {0, mark.modules() - 7})) {
            assertThat(mark.dark(corner[0], corner[1])).isTrue();
            assertThat(mark.dark(corner[0] + 6, corner[1] + 6)).isTrue();
            assertThat(mark.dark(corner[0] + 1, corner[1] + 1)).isFalse();
            assertThat(mark.dark(corner[0] + 3, corner[1] + 3)).isTrue();
        }
    }
}
