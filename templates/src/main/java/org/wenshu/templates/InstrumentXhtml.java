package org.wenshu.templates;

import java.util.List;

/**
 * An instrument rendered from its template: a complete XHTML document with its print stylesheet, ready for
 * the PDF generator.
 *
 * @param xhtml    the XHTML 1.0 document, UTF-8, field values escaped
 * @param metadata title, issuing unit, document number and date
 * @param fields   the printed text of every given field, in the type's field order
 * @param fontFamilies the font families of {@link TemplateRenderer#FONT_FAMILIES} the document's styles use
 *                 as their first choice; the others serve only as fallback for characters these lack
 */
public record InstrumentXhtml(String xhtml, InstrumentMetadata metadata, List<PrintedField> fields,
                              List<String> fontFamilies) {

    public InstrumentXhtml {
        fields = List.copyOf(fields);
        fontFamilies = List.copyOf(fontFamilies);
    }
}
