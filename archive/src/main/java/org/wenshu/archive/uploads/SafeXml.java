package org.wenshu.archive.uploads;

import java.io.ByteArrayInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML parts of uploaded packages with StAX, never resolving DTDs or entities: a part with a document type
 * declaration is refused outright (XXE, entity expansion), as OOXML (ECMA-376 Part 2, 8.1.4) and OFD never need one.
 */
final class SafeXml {

    /** Receives each event of a part that passed the checks. */
    interface Events {
        void next(XMLStreamReader reader) throws XMLStreamException;
    }

    private static final XMLInputFactory FACTORY = factory();

    private SafeXml() {
    }

    /** Streams every event of {@code part} to {@code events}; refuses a DOCTYPE or malformed XML, naming the entry. */
    static void read(String fileName, String kind, String entry, byte[] part, Events events) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(part));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new FileRefused(fileName, kind + " 中的「" + entry + "」含有文档类型定义（DOCTYPE）：可能引用外部实体，拒收");
                }
                events.next(reader);
            }
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof FileRefused refused) {
                throw refused;
            }
            throw new FileRefused(fileName, "文件已损坏：" + kind + " 中的「" + entry + "」不是有效的 XML（" + e.getMessage() + "）");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held beyond the byte array
                }
            }
        }
    }

    /** Refuses {@code part} when it has a DOCTYPE or is not well-formed. */
    static void check(String fileName, String kind, String entry, byte[] part) {
        read(fileName, kind, entry, part, reader -> { });
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }
}
