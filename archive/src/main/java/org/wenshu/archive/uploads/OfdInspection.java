package org.wenshu.archive.uploads;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.stream.XMLStreamConstants;

/**
 * The structure of an OFD package (GB/T 33190-2016): the entry point {@code OFD.xml} names each document's root
 * ({@code DocBody/DocRoot}), whose {@code Pages/Page/@BaseLoc} name the page descriptions; every one must exist, and
 * the text of their {@code TextCode} elements, page by page, is what search indexes. Locations (ST_Loc) are relative
 * to the file that names them, or absolute from the package root when they start with {@code /}.
 */
final class OfdInspection {

    private static final String KIND = "OFD";

    private OfdInspection() {
    }

    /** The text of every page; {@link FileRefused} when the package is not a well-formed OFD. */
    static String text(String fileName, ZipPackage ofd) {
        for (Map.Entry<String, byte[]> part : ofd.xmlParts().entrySet()) {
            SafeXml.check(fileName, KIND, part.getKey(), part.getValue());
        }
        byte[] entry = ofd.xmlParts().get("OFD.xml");
        if (entry == null) {
            throw new FileRefused(fileName, "文件已损坏：OFD 缺少入口文件 OFD.xml");
        }
        List<String> roots = elementTexts(fileName, "OFD.xml", entry, "OFD", "DocRoot");
        if (roots.isEmpty()) {
            throw new FileRefused(fileName, "文件已损坏：OFD.xml 中没有 DocBody/DocRoot（文档根节点）");
        }
        StringBuilder text = new StringBuilder();
        for (String root : roots) {
            String document = resolve(fileName, "", root, "DocRoot");
            byte[] documentXml = ofd.xmlParts().get(document);
            if (documentXml == null) {
                throw new FileRefused(fileName, "文件已损坏：OFD 的 DocRoot 指向不存在的「" + root + "」");
            }
            List<String> pages = pageLocations(fileName, document, documentXml);
            if (pages.isEmpty()) {
                throw new FileRefused(fileName, "文件已损坏：OFD 文档「" + document + "」没有页面");
            }
            String directory = document.contains("/") ? document.substring(0, document.lastIndexOf('/') + 1) : "";
            for (String page : pages) {
                String location = resolve(fileName, directory, page, "Page/@BaseLoc");
                byte[] content = ofd.xmlParts().get(location);
                if (content == null) {
                    throw new FileRefused(fileName, "文件已损坏：OFD 页面「" + page + "」不存在");
                }
                appendTextCodes(fileName, location, content, text);
            }
        }
        return text.toString();
    }

    /** The text of every {@code element} in a part whose root element is {@code root}. */
    private static List<String> elementTexts(String fileName, String entry, byte[] part, String root, String element) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean[] state = {false, false}; // root seen, inside element
        SafeXml.read(fileName, KIND, entry, part, reader -> {
            switch (reader.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (!state[0]) {
                        if (!reader.getLocalName().equals(root)) {
                            throw new FileRefused(fileName, "文件已损坏：「" + entry + "」的根元素应为 " + root
                                    + "，实际为 " + reader.getLocalName());
                        }
                        state[0] = true;
                    } else if (reader.getLocalName().equals(element)) {
                        state[1] = true;
                        current.setLength(0);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (state[1]) {
                        current.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (state[1] && reader.getLocalName().equals(element)) {
                        state[1] = false;
                        values.add(current.toString().strip());
                    }
                }
                default -> {
                }
            }
        });
        return values;
    }

    private static List<String> pageLocations(String fileName, String entry, byte[] part) {
        List<String> pages = new ArrayList<>();
        boolean[] root = {false};
        SafeXml.read(fileName, KIND, entry, part, reader -> {
            if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
                if (!root[0]) {
                    if (!reader.getLocalName().equals("Document")) {
                        throw new FileRefused(fileName, "文件已损坏：「" + entry + "」的根元素应为 Document，实际为 "
                                + reader.getLocalName());
                    }
                    root[0] = true;
                } else if (reader.getLocalName().equals("Page")) {
                    String location = reader.getAttributeValue(null, "BaseLoc");
                    if (location == null || location.isBlank()) {
                        throw new FileRefused(fileName, "文件已损坏：「" + entry + "」中的页面缺少 BaseLoc");
                    }
                    pages.add(location.strip());
                }
            }
        });
        return pages;
    }

    /** The entry name a location points to; a location that leaves the package is refused. */
    static String resolve(String fileName, String directory, String location, String what) {
        String path = location.startsWith("/") ? location.substring(1) : directory + location;
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new FileRefused(fileName, "OFD 的 " + what + "「" + location + "」指向包外，拒收");
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        Optional<String> unsafe = ZipPackage.unsafeName(String.join("/", segments));
        if (unsafe.isPresent()) {
            throw new FileRefused(fileName, "OFD 的 " + what + "「" + location + "」" + unsafe.get() + "，拒收");
        }
        return String.join("/", segments);
    }

    private static void appendTextCodes(String fileName, String entry, byte[] part, StringBuilder text) {
        boolean[] inText = {false};
        SafeXml.read(fileName, KIND, entry, part, reader -> {
            int event = reader.getEventType();
            if (event == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("TextCode")) {
                inText[0] = true;
            } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("TextCode")) {
                inText[0] = false;
            } else if (inText[0] && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("TextObject")) {
                text.append('\n');
            }
        });
    }
}
