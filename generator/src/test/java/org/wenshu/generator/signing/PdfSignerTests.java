package org.wenshu.generator.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.simplereport.SimpleReport;
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
}
