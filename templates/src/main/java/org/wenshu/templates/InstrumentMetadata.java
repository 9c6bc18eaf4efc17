package org.wenshu.templates;

import java.time.LocalDate;

/**
 * What a rendered instrument says about itself, for the PDF's document information and XMP.
 *
 * @param typeId         the instrument type's id
 * @param typeName       the type's Chinese name, e.g. 检察建议书
 * @param title          the instrument's title (标题)
 * @param issuingUnit    the issuing unit (发文机关)
 * @param documentNumber the document number (发文字号) as printed
 * @param date           the date of the instrument (成文日期)
 */
public record InstrumentMetadata(String typeId, String typeName, String title, String issuingUnit,
                                 String documentNumber, LocalDate date) {
}
