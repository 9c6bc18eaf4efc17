package org.wenshu.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.InstrumentXhtml;
import org.wenshu.templates.TemplateRenderer;

class ExampleRenderingTests {

    private static final InstrumentCatalog CATALOG = InstrumentCatalog.standard();

    static Stream<String> typeIds() {
        return CATALOG.types().stream().map(InstrumentType::id);
    }

    @ParameterizedTest
    @MethodSource("typeIds")
    void everyShippedExampleRendersAsValidPdfA2b(String typeId) {
        InstrumentXhtml xhtml = new TemplateRenderer().render(CATALOG.require(typeId), Fixtures.example(typeId));

        byte[] pdf = new PdfRenderer(Fixtures.fonts()).render(xhtml).content();
        Fixtures.keep(typeId, pdf);

        assertThat(Fixtures.pdfA2bFailures(pdf)).isEmpty();
    }
}
