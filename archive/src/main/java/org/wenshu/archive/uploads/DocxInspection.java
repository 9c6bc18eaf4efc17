package org.wenshu.archive.uploads;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;

/**
 * The OOXML checks of a DOCX (ECMA-376 Part 2, Open Packaging Conventions) beyond the zip: no XML part with a DTD,
 * no external relationship that a word processor follows on opening (attached templates, linked images, frames,
 * subdocuments: {@code TargetMode="External"} of any type but {@code hyperlink}, which stays inert until clicked),
 * and no embedded objects, ActiveX controls or macros.
 */
final class DocxInspection {

    private static final String HYPERLINK = "/hyperlink";

    private DocxInspection() {
    }

    /** Refuses {@code docx} with the first problem found, naming the relationship or entry. */
    static void check(String fileName, ZipPackage docx) {
        for (String name : docx.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("/embeddings/") || lower.contains("/activex/") || lower.endsWith("vbaproject.bin")
                    || lower.endsWith("vbadata.xml")) {
                throw new FileRefused(fileName, "DOCX 含有嵌入对象、控件或宏（" + name + "），拒收；请删除后另存为普通 DOCX 或 PDF");
            }
        }
        Set<String> external = new LinkedHashSet<>();
        for (Map.Entry<String, byte[]> part : docx.xmlParts().entrySet()) {
            boolean relationships = part.getKey().toLowerCase(Locale.ROOT).endsWith(".rels");
            SafeXml.read(fileName, "DOCX", part.getKey(), part.getValue(), reader -> {
                if (relationships && reader.getEventType() == XMLStreamConstants.START_ELEMENT
                        && reader.getLocalName().equals("Relationship")) {
                    String type = attribute(reader, "Type");
                    String target = attribute(reader, "Target");
                    String mode = attribute(reader, "TargetMode");
                    if ("External".equalsIgnoreCase(mode) && !type.endsWith(HYPERLINK)) {
                        external.add(type.substring(type.lastIndexOf('/') + 1) + " → " + target);
                    }
                }
            });
        }
        if (!external.isEmpty()) {
            throw new FileRefused(fileName, "DOCX 含有打开时会从外部加载内容的关系：" + String.join("、", external)
                    + "，拒收；请去除外部链接的模板、图片或框架后重新上传");
        }
    }

    private static String attribute(javax.xml.stream.XMLStreamReader reader, String name) {
        String value = reader.getAttributeValue(null, name);
        return value == null ? "" : value;
    }
}
