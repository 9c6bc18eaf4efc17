package org.wenshu.generator.layout;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.wenshu.generator.Fixtures;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.generator.keys.CertificatePurpose;
import org.wenshu.generator.keys.DevelopmentCa;
import org.wenshu.generator.signing.PadesLevel;
import org.wenshu.generator.signing.PdfSigner;
import org.wenshu.generator.signing.RevocationSource;
import org.wenshu.generator.signing.SealAppearance;
import org.wenshu.generator.signing.SignatureRequest;
import org.wenshu.generator.signing.SigningKey;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TemplateRenderer;
import org.wenshu.templates.VerificationMark;

/** Prints instruments as the application does, and seals them with a fresh test key (PAdES B-B, no TSA). */
final class Printing {

    private static final InstrumentCatalog CATALOG = InstrumentCatalog.standard();
    private static final TemplateRenderer TEMPLATES = new TemplateRenderer();

    private final PdfRenderer renderer = new PdfRenderer(Fixtures.fonts());
    private Sealing sealing;

    /** A test key for the seal and a signer without TSA, made on first use: key generation takes a while. */
    private record Sealing(PdfSigner signer, SigningKey key) {

        static Sealing create() {
            Clock clock = Clock.systemUTC();
            DevelopmentCa ca = DevelopmentCa.create("版式测试", clock);
            SigningKey key = ca.issue("版式测试 电子印章", CertificatePurpose.SEAL);
            return new Sealing(new PdfSigner(Optional.empty(), RevocationSource.fresh(() -> List.of(ca.crl())), clock), key);
        }
    }

    /** The unsigned PDF/A of an instrument. */
    byte[] print(String typeId, Map<String, ?> values) {
        return renderer.render(TEMPLATES.render(CATALOG.require(typeId), values)).content();
    }

    /** The instrument sealed with its issuing unit's drawn seal, placed automatically. */
    byte[] printSealed(String typeId, Map<String, ?> values) {
        return seal(print(typeId, values), values);
    }

    /** As {@link #printSealed(String, Map)}, with the verification code and QR code in the footer, as issued. */
    byte[] printSealed(String typeId, Map<String, ?> values, VerificationMark mark) {
        return seal(renderer.render(TEMPLATES.render(CATALOG.require(typeId), values, mark)).content(), values);
    }

    private byte[] seal(byte[] pdf, Map<String, ?> values) {
        Sealing with = sealing();
        SealAppearance appearance = SealAppearance.drawn((String) values.get("issuingUnit"), "");
        return with.signer().sign(pdf, SignatureRequest.sealed(with.key(), PadesLevel.B_B, appearance));
    }

    private synchronized Sealing sealing() {
        if (sealing == null) {
            sealing = Sealing.create();
        }
        return sealing;
    }
}
