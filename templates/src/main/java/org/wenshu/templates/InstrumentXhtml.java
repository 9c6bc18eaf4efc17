package org.wenshu.templates;

import java.util.List;

/**
 * An instrument rendered from its template: a complete XHTML document with its print stylesheet, ready for
 * the PDF generator.
 *
 * @param xhtml    the XHTML 1.0 document, UTF-8, field values escaped
 * @param metadata title, issuing unit, document number and date
 * @param fields   the printed text of every given field, in the type's field order
 */
public record InstrumentXhtml(String xhtml, InstrumentMetadata metadata, List<PrintedField> fields) {

    public InstrumentXhtml {
        fields = List.copyOf(fields);
    }
}
