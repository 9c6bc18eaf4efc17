package org.wenshu.generator.verification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * What a visible seal says: the /ActualText of the marked content in its widget's normal appearance (ISO 32000-1
 * 14.9.4). A seal whose words are drawn as outlines or as an image has no other text a program can read.
 */
final class SealText {

    private SealText() {
    }

    /** The seal's words, or empty for an invisible signature or an appearance that does not say. */
    static Optional<String> of(PDSignatureField field) {
        List<String> texts = new ArrayList<>();
        for (PDAnnotationWidget widget : field.getWidgets()) {
            if (widget.getRectangle() == null || widget.getRectangle().getWidth() == 0) {
                continue;
            }
            PDAppearanceStream appearance = widget.getNormalAppearanceStream();
            if (appearance != null) {
                texts.addAll(actualTexts(appearance));
            }
        }
        return texts.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", texts));
    }

    private static List<String> actualTexts(PDAppearanceStream appearance) {
        List<String> texts = new ArrayList<>();
        try {
            List<Object> tokens = new PDFStreamParser(appearance).parse();
            PDResources resources = appearance.getResources();
            for (int i = 1; i < tokens.size(); i++) {
                if (tokens.get(i) instanceof Operator operator && "BDC".equals(operator.getName())) {
                    properties(tokens.get(i - 1), resources)
                            .map(dictionary -> dictionary.getString(COSName.ACTUAL_TEXT))
                            .ifPresent(texts::add);
                }
            }
        } catch (IOException e) {
            // An unreadable appearance says nothing; the signature itself is judged elsewhere.
            return List.of();
        }
        return texts;
    }

    private static Optional<COSDictionary> properties(Object operand, PDResources resources) {
        if (operand instanceof COSDictionary inline) {
            return Optional.of(inline);
        }
        if (operand instanceof COSName name && resources != null) {
            PDPropertyList list = resources.getProperties(name);
            return Optional.ofNullable(list).map(PDPropertyList::getCOSObject);
        }
        return Optional.empty();
    }
}
