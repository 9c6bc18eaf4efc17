package org.wenshu.generator.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import eu.europa.esig.dss.simplereport.SimpleReport;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.validation.reports.Reports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wenshu.generator.fixtures.Dss;
import org.wenshu.generator.fixtures.PdfAFixtures;
import org.wenshu.generator.fixtures.Pdfsig;
import org.wenshu.generator.fixtures.TestPki;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.generator.fonts.FontSet;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TemplateRenderer;

class PdfSignerTests {

    private static TestPki pki;
    private static byte[] unsigned;

    @BeforeAll
    static void createPkiAndDocument() {
        pki = TestPki.create();
        unsigned = PdfAFixtures.instrument();
        assertThat(PdfAFixtures.pdfA2bFailures(unsigned)).as("fixture is PDF/A-2b").isEmpty();
    }

    @AfterAll
    static void stopTsa() {
        pki.close();
    }

    @ParameterizedTest
    @EnumSource(PadesLevel.class)
    void independentValidatorsAcceptEachLevel(PadesLevel level) {
        SignatureRequest request = SignatureRequest.sealed(pki.seal, level,
                SealAppearance.drawn("某某市人民检察院", "检察建议专用章"));

        byte[] signed = pki.signer.sign(unsigned, request);

        Reports reports = Dss.validate(signed, pki.ca.certificate(), pki.ca.crl());
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();
        assertThat(simple.getIndication(id)).as(() -> "DSS: " + simple.getAdESValidationErrors(id)).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.valueOf("PAdES_BASELINE_" + level.name().substring(2)));
        assertThat(PdfAFixtures.pdfA2bFailures(signed)).as("still PDF/A-2b").isEmpty();
        String pdfsig = Pdfsig.report(signed);
        assertThat(pdfsig).contains("Signature is Valid").doesNotContain("Signature is Invalid");
    }

    @Test
    void cmsFillsContentsExactlyAndCarriesOnlyPadesSignedAttributes() throws Exception {
        byte[] signed = pki.signer.sign(unsigned, SignatureRequest.invisible(pki.seal, PadesLevel.B_T));

        try (PDDocument document = Loader.loadPDF(signed)) {
            PDSignature signature = document.getLastSignatureDictionary();
            byte[] contents = signature.getContents();
            // Exactly one DER object, no zero padding after it (Bouncy Castle 1.85+ rejects padding).
            assertThat(ASN1Primitive.fromByteArray(contents).getEncoded("DER")).hasSize(contents.length);
            assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(signature.getSignDate()).isNotNull();
            SignerInformation signer = new CMSSignedData(contents).getSignerInfos().getSigners().iterator().next();
            assertThat(signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
            assertThat(signer.getSignedAttributes().get(CMSAttributes.signingTime)).isNull();
            assertThat(signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)).isNotNull();
        }
    }

    @Test
    void validationDataIsFiledUnderTheSignatureItServes() throws Exception {
        byte[] personal = pki.signer.sign(unsigned, SignatureRequest.invisible(pki.prosecutor, PadesLevel.B_LT));
        byte[] both = pki.signer.sign(personal, SignatureRequest.invisible(pki.seal, PadesLevel.B_LT));

        try (PDDocument document = Loader.loadPDF(both)) {
            var vri = document.getDocumentCatalog().getCOSObject().getCOSDictionary(org.apache.pdfbox.cos.COSName.getPDFName("DSS"))
                    .getCOSDictionary(org.apache.pdfbox.cos.COSName.getPDFName("VRI"));
            List<String> expected = new java.util.ArrayList<>();
            for (PDSignature signature : document.getSignatureDictionaries()) {
                expected.add(java.util.HexFormat.of().withUpperCase().formatHex(
                        java.security.MessageDigest.getInstance("SHA-1").digest(signature.getContents())));
            }
            // PAdES part 4: each VRI key is the uppercase hex SHA-1 of the /Contents of the signature it serves.
            assertThat(vri.keySet()).extracting(org.apache.pdfbox.cos.COSName::getName)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void prosecutorThenUnitSealBothPassDssAndPdfsig() {
        byte[] personal = pki.signer.sign(unsigned, SignatureRequest.invisible(pki.prosecutor, PadesLevel.B_T));
        byte[] both = pki.signer.sign(personal, SignatureRequest.sealed(pki.seal, PadesLevel.B_LT,
                SealAppearance.drawn("某某市人民检察院", "检察建议专用章")));

        SimpleReport simple = Dss.validate(both, pki.ca.certificate(), pki.ca.crl()).getSimpleReport();

        assertThat(simple.getSignatureIdList()).hasSize(2);
        for (String id : simple.getSignatureIdList()) {
            assertThat(simple.getIndication(id)).as(() -> simple.getSignedBy(id) + ": " + simple.getAdESValidationErrors(id))
                    .isEqualTo(Indication.TOTAL_PASSED);
        }
        assertThat(simple.getSignatureIdList()).extracting(simple::getSignedBy)
                .anyMatch(name -> name.contains("张检察官")).anyMatch(name -> name.contains("某某市人民检察院"));
        String pdfsig = Pdfsig.report(both);
        assertThat(pdfsig).contains("Signature #2").doesNotContain("Signature is Invalid");
        assertThat(pdfsig.split("Signature is Valid", -1)).hasSize(3);
        assertThat(PdfAFixtures.pdfA2bFailures(both)).isEmpty();
    }

    @Test
    void sealIsPlacedOverTheUnitSignatureAndDate() throws IOException {
        byte[] signed = pki.signer.sign(unsigned, SignatureRequest.sealed(pki.seal, PadesLevel.B_B,
                SealAppearance.drawn("某某市人民检察院", "检察建议专用章")));

        try (PDDocument document = Loader.loadPDF(signed)) {
            PDRectangle seal = sealWidget(document).getRectangle();
            float[] date = lineBox(document, "2025年3月18日");
            float[] unit = lineBox(document.getPage(0).getMediaBox(), document, "某某市人民检察院", true);
            assertThat(seal.getWidth()).isCloseTo(SealAppearance.STANDARD_DIAMETER, org.assertj.core.data.Offset.offset(0.5f));
            // The date and unit signature lie inside the seal, below its centre (GB/T 9704-2012 7.3.5.1).
            float centerX = seal.getLowerLeftX() + seal.getWidth() / 2;
            for (float[] line : List.of(date, unit)) {
                assertThat(centerX).isBetween(line[0], line[1]);
                assertThat(line[2]).isBetween(seal.getLowerLeftY(), seal.getLowerLeftY() + seal.getHeight() / 2);
            }
        }
    }

    @Test
    void sealOnARenderedInstrumentPressesTheSignatureDateNotTheImprintDate() throws IOException {
        Map<String, Object> example = tools.jackson.databind.json.JsonMapper.builder().build().readValue(
                Files.readString(Path.of("..", "examples", "procuratorial-suggestion.json")),
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
        byte[] rendered;
        try (FontSet fonts = FontSet.bundled()) {
            rendered = new PdfRenderer(fonts).render(new TemplateRenderer().render(
                    InstrumentCatalog.standard().require("procuratorial-suggestion"), example)).content();
        }

        byte[] signed = pki.signer.sign(rendered, SignatureRequest.sealed(pki.seal, PadesLevel.B_B,
                SealAppearance.drawn("荆门市人民检察院", "")));

        try (PDDocument document = Loader.loadPDF(signed)) {
            PDRectangle seal = sealWidget(document).getRectangle();
            int last = document.getNumberOfPages() - 1;
            // The 成文日期 alone on its line under the unit's name; the 版记 at the foot ends with 印发.
            float signatureDate = baselineOnPage(document, last, "2024年3月5日", true);
            float imprintDate = baselineOnPage(document, last, "2024年3月5日印发", false);
            assertThat(signatureDate).isBetween(seal.getLowerLeftY(), seal.getUpperRightY());
            assertThat(imprintDate).isLessThan(seal.getLowerLeftY());
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"procuratorial-suggestion", "meeting-notice"})
    void sealFromTheRenderersAnchorLandsWhereTheTextSearchPutsIt(String type) throws IOException {
        Map<String, Object> example = tools.jackson.databind.json.JsonMapper.builder().build().readValue(
                Files.readString(Path.of("..", "examples", type + ".json")),
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
        byte[] anchored;
        try (FontSet fonts = FontSet.bundled()) {
            anchored = new PdfRenderer(fonts).render(new TemplateRenderer().render(
                    InstrumentCatalog.standard().require(type), example)).content();
        }
        String anchor;
        try (PDDocument document = Loader.loadPDF(anchored)) {
            anchor = document.getDocumentInformation().getCustomMetadataValue(PdfRenderer.SEAL_ANCHOR_KEY);
        }
        assertThat(anchor).matches("\\d+ [0-9.]+ [0-9.]+ [0-9.]+");
        String[] parts = anchor.split(" ");
        byte[] plain = withAnchor(anchored, null);
        // The same anchor with the date 30 points higher: the seal must follow it, or the anchor was not read.
        byte[] raised = withAnchor(anchored, parts[0] + " " + parts[1] + " " + parts[2] + " " + (Float.parseFloat(parts[3]) + 30));
        SignatureRequest request = SignatureRequest.sealed(pki.seal, PadesLevel.B_B, SealAppearance.drawn("荆门市人民检察院", ""));

        byte[] fromAnchor = pki.signer.sign(anchored, request);
        byte[] fromText = pki.signer.sign(plain, request);
        byte[] fromRaised = pki.signer.sign(raised, request);

        try (PDDocument byAnchor = Loader.loadPDF(fromAnchor); PDDocument byText = Loader.loadPDF(fromText);
             PDDocument byRaised = Loader.loadPDF(fromRaised)) {
            assertThat(sealWidget(byRaised).getRectangle().getLowerLeftY() - sealWidget(byAnchor).getRectangle().getLowerLeftY())
                    .isCloseTo(30f, org.assertj.core.data.Offset.offset(0.5f));
            PDAnnotationWidget anchoredSeal = sealWidget(byAnchor);
            PDAnnotationWidget searchedSeal = sealWidget(byText);
            assertThat(sealPage(byAnchor)).isEqualTo(sealPage(byText)).isNotNegative();
            PDRectangle a = anchoredSeal.getRectangle();
            PDRectangle t = searchedSeal.getRectangle();
            org.assertj.core.data.Offset<Float> twoPoints = org.assertj.core.data.Offset.offset(2f);
            assertThat(a.getLowerLeftX()).isCloseTo(t.getLowerLeftX(), twoPoints);
            assertThat(a.getLowerLeftY()).isCloseTo(t.getLowerLeftY(), twoPoints);
            assertThat(a.getWidth()).isCloseTo(t.getWidth(), twoPoints);
        }
    }

    /** Baseline (PDF user space) of the line on {@code page} that is exactly, or with {@code exact} false contains, {@code text}. */
    private static float baselineOnPage(PDDocument document, int page, String text, boolean exact) throws IOException {
        float height = document.getPage(page).getMediaBox().getHeight();
        Float[] found = new Float[1];
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String line, List<TextPosition> positions) {
                if (exact ? line.strip().equals(text) : line.contains(text)) {
                    found[0] = height - positions.get(0).getYDirAdj();
                }
            }
        };
        stripper.setSortByPosition(true);
        stripper.setStartPage(page + 1);
        stripper.setEndPage(page + 1);
        stripper.getText(document);
        assertThat(found[0]).as(text + " on the last page").isNotNull();
        return found[0];
    }

    @Test
    void configuredSealImageReplacesTheDrawing() throws IOException {
        byte[] signed = pki.signer.sign(unsigned, SignatureRequest.sealed(pki.seal, PadesLevel.B_T,
                SealAppearance.drawn("某某市人民检察院", "").withImage(sealPng())));

        try (PDDocument document = Loader.loadPDF(signed)) {
            var appearance = sealWidget(document).getNormalAppearanceStream();
            assertThat(appearance.getResources().getXObjectNames())
                    .anyMatch(name -> {
                        try {
                            return appearance.getResources().getXObject(name) instanceof PDImageXObject;
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        assertThat(PdfAFixtures.pdfA2bFailures(signed)).isEmpty();
        String id = Dss.validate(signed, pki.ca.certificate(), pki.ca.crl()).getSimpleReport().getFirstSignatureId();
        assertThat(Dss.validate(signed, pki.ca.certificate(), pki.ca.crl()).getSimpleReport().getIndication(id))
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    /** {@code pdf} saved again with the seal anchor {@code anchor}, or without one when null. */
    private static byte[] withAnchor(byte[] pdf, String anchor) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            document.getDocumentInformation().getCOSObject()
                    .removeItem(org.apache.pdfbox.cos.COSName.getPDFName(PdfRenderer.SEAL_ANCHOR_KEY));
            if (anchor != null) {
                document.getDocumentInformation().setCustomMetadataValue(PdfRenderer.SEAL_ANCHOR_KEY, anchor);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** The index of the page whose annotations hold the visible seal, or -1. */
    private static int sealPage(PDDocument document) throws IOException {
        for (int i = 0; i < document.getNumberOfPages(); i++) {
            for (var annotation : document.getPage(i).getAnnotations()) {
                if (annotation instanceof PDAnnotationWidget widget && widget.getRectangle().getWidth() > 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static PDAnnotationWidget sealWidget(PDDocument document) throws IOException {
        for (PDSignatureField field : document.getSignatureFields()) {
            PDAnnotationWidget widget = field.getWidgets().get(0);
            if (widget.getRectangle().getWidth() > 0) {
                return widget;
            }
        }
        throw new AssertionError("no visible signature widget");
    }

    private static float[] lineBox(PDDocument document, String text) throws IOException {
        return lineBox(document.getPage(0).getMediaBox(), document, text, false);
    }

    /** {minX, maxX, baseline} of the last (or, with {@code last}, the last of several) line containing {@code text}. */
    private static float[] lineBox(PDRectangle media, PDDocument document, String text, boolean last) throws IOException {
        float[][] found = new float[1][];
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String line, List<TextPosition> positions) {
                if (line.contains(text)) {
                    TextPosition first = positions.get(0);
                    TextPosition end = positions.get(positions.size() - 1);
                    found[0] = new float[] {first.getXDirAdj(), end.getXDirAdj() + end.getWidthDirAdj(),
                            media.getHeight() - first.getYDirAdj()};
                }
            }
        };
        stripper.setSortByPosition(true);
        stripper.getText(document);
        assertThat(found[0]).as(text + " on the page").isNotNull();
        return found[0];
    }

    private static byte[] sealPng() throws IOException {
        BufferedImage image = new BufferedImage(240, 240, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(220, 20, 24));
        g.setStroke(new BasicStroke(8));
        g.drawOval(8, 8, 224, 224);
        g.fillOval(100, 100, 40, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
