package org.wenshu.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.InstrumentXhtml;
import org.wenshu.templates.PrintedField;
import org.wenshu.templates.TemplateRenderer;

class ExampleRenderingTests {

    private static final InstrumentCatalog CATALOG = InstrumentCatalog.standard();
    /** Fields that choose wording rather than being printed: the kind of suggestion, the urgency flag. */
    private static final Set<String> PRINTED_AS_WORDING = Set.of("kind", "urgent");

    static Stream<String> typeIds() {
        return CATALOG.types().stream().map(InstrumentType::id);
    }

    @ParameterizedTest
    @MethodSource("typeIds")
    void everyShippedExampleRendersAsValidPdfA2bWithItsTextExtractable(String typeId) throws IOException {
        InstrumentXhtml xhtml = new TemplateRenderer().render(CATALOG.require(typeId), Fixtures.example(typeId));

        byte[] pdf = new PdfRenderer(Fixtures.fonts()).render(xhtml).content();
        Fixtures.keep(typeId, pdf);

        assertThat(Fixtures.pdfA2bFailures(pdf)).isEmpty();
        String text = Fixtures.continuousText(pdf);
        for (PrintedField field : xhtml.fields()) {
            if (PRINTED_AS_WORDING.contains(field.field())) {
                continue;
            }
            for (String line : field.text().split("\n")) {
                assertThat(text).as("%s of %s", field.field(), typeId).contains(line);
            }
        }
    }
}
