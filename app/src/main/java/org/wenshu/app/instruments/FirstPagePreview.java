package org.wenshu.app.instruments;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenshu.generator.PdfRenderer;
import org.wenshu.generator.UncoveredCharacters;
import org.wenshu.templates.DocumentNumber;
import org.wenshu.templates.FieldInvalid;
import org.wenshu.templates.FieldsInvalid;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.TemplateRenderer;

/**
 * 预览: the first page of an instrument as it will print, rendered from the unsigned PDF/A (the same templates and
 * fonts as issuing) to a PNG with PDFBox. A provisional document number stands in for the one the archive assigns.
 */
final class FirstPagePreview {

    private final TemplateRenderer templates;
    private final PdfRenderer pdf;

    FirstPagePreview(TemplateRenderer templates, PdfRenderer pdf) {
        this.templates = templates;
        this.pdf = pdf;
    }

    /**
     * What the preview shows: the page image, or why there is none.
     *
     * @param png       the first page as a {@code data:image/png;base64,…} URI, empty when it could not be rendered
     * @param pages     the number of pages of the whole instrument (0 without an image)
     * @param problems  field problems of the validator (as beside the fields)
     * @param uncovered fields with characters that no font can print, described in Chinese
     */
    record Result(String png, int pages, List<FieldInvalid> problems, List<String> uncovered) {
    }

    /** Validates and renders {@code values} of {@code type} with a provisional number of {@code year}. */
    Result render(InstrumentType type, Map<String, Object> values, int year) {
        Map<String, Object> withNumber = new LinkedHashMap<>(values);
        withNumber.put(InstrumentCatalog.DOCUMENT_NUMBER_FIELD, new DocumentNumber(type.numberCode(
                String.valueOf(values.get(InstrumentCatalog.ISSUING_UNIT_FIELD))).orElse(type.numberCode()), year, 1).text());
        try {
            byte[] unsigned = pdf.render(templates.render(type, withNumber)).content();
            FirstPageImage page = FirstPageImage.of(unsigned);
            return new Result("data:image/png;base64," + Base64.getEncoder().encodeToString(page.png()), page.pages(),
                    List.of(), List.of());
        } catch (FieldsInvalid invalid) {
            return new Result("", 0, invalid.problems(), List.of());
        } catch (UncoveredCharacters uncovered) {
            return new Result("", 0, List.of(),
                    uncovered.fields().stream().map(UncoveredCharacters.UncoveredField::describe).toList());
        }
    }
}
