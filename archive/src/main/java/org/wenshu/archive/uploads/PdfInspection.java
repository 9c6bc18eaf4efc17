package org.wenshu.archive.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads an uploaded PDF completely and strictly (ISO 32000-1), so that an archived PDF is one that any reader reads
 * the same way: the cross-reference table must be right (PDFBox without its lenient repair), every indirect object
 * must parse, every Flate stream must inflate to its checksum, and the page tree must be a tree (no loops, at most
 * {@value #MAX_PAGE_TREE_DEPTH} levels). Active content that PDF/A (ISO 19005-2, 6.6) forbids is refused by name.
 */
final class PdfInspection {

    /** Arrays and dictionaries nested inside one object; real files stay below 20. */
    static final int MAX_NESTING = 100;
    /** Levels of the page tree; PDFBox writes balanced trees of depth ~log_10(pages), real files stay below 10. */
    static final int MAX_PAGE_TREE_DEPTH = 64;
    private static final int MAX_PAGE_TREE_NODES = 1_000_000;
    private static final int MAX_TEXT_PAGES = 500;

    /** Action types (/S) refused wherever they occur, with what they do. */
    private static final Map<String, String> REFUSED_ACTIONS = Map.ofEntries(
            Map.entry("JavaScript", "JavaScript 脚本"),
            Map.entry("Launch", "启动外部程序的动作（Launch）"),
            Map.entry("SubmitForm", "向外部地址提交数据的动作（SubmitForm）"),
            Map.entry("ImportData", "导入外部数据的动作（ImportData）"),
            Map.entry("GoToR", "打开其他文件的动作（GoToR）"),
            Map.entry("GoToE", "打开嵌入文档的动作（GoToE）"),
            Map.entry("ResetForm", "PDF/A 不允许的动作（ResetForm）"),
            Map.entry("Hide", "PDF/A 不允许的动作（Hide）"),
            Map.entry("SetOCGState", "PDF/A 不允许的动作（SetOCGState）"),
            Map.entry("Trans", "PDF/A 不允许的动作（Trans）"),
            Map.entry("Sound", "多媒体动作（Sound）"),
            Map.entry("Movie", "多媒体动作（Movie）"),
            Map.entry("Rendition", "多媒体动作（Rendition）"),
            Map.entry("GoTo3DView", "多媒体动作（GoTo3DView）"),
            Map.entry("RichMediaExecute", "多媒体动作（RichMediaExecute）"));
    /** Annotation types (/Subtype) that carry files or media. */
    private static final Map<String, String> REFUSED_ANNOTATIONS = Map.of(
            "FileAttachment", "文件附件注释（FileAttachment）",
            "RichMedia", "多媒体内容（RichMedia）",
            "Movie", "多媒体内容（Movie）",
            "Sound", "多媒体内容（Sound）",
            "Screen", "多媒体内容（Screen）",
            "3D", "三维内容（3D）");
    /** The only named actions PDF/A allows. */
    private static final Set<String> ALLOWED_NAMED = Set.of("NextPage", "PrevPage", "FirstPage", "LastPage");
    /** Filters decoded here (full names and the inline-image abbreviations). */
    private static final Set<String> GENERAL_FILTERS = Set.of("FlateDecode", "Fl", "LZWDecode", "LZW", "ASCIIHexDecode",
            "AHx", "ASCII85Decode", "A85", "RunLengthDecode", "RL", "Crypt");
    /** Image codecs: the data is a picture for the viewer to decode. */
    private static final Set<String> IMAGE_FILTERS = Set.of("DCTDecode", "DCT", "JPXDecode", "JBIG2Decode",
            "CCITTFaxDecode", "CCF");
    private static final COSName NAMED = COSName.getPDFName("Named");
    private static final COSName GO_TO = COSName.getPDFName("GoTo");

    private final String fileName;
    private final UploadLimits limits;
    private final Set<String> findings = new LinkedHashSet<>();
    private long inflated;

    private PdfInspection(String fileName, UploadLimits limits) {
        this.fileName = fileName;
        this.limits = limits;
    }

    /** The document's text (at most 500 pages); {@link FileRefused} when it is not a clean, passive, readable PDF. */
    static String inspect(String fileName, byte[] content, UploadLimits limits) {
        return new PdfInspection(fileName, limits).run(content);
    }

    private String run(byte[] content) {
        try {
            PDFParser parser = new PDFParser(new RandomAccessReadBuffer(content));
            // Not lenient: no brute-force search for objects when the cross-reference table is wrong. A damaged file
            // is refused rather than archived as whatever PDFBox's repair guessed it meant.
            try (PDDocument document = parser.parse(false)) {
                if (document.isEncrypted()) {
                    throw refused("PDF 已加密（设有口令或权限限制），请上传未加密的文件");
                }
                List<COSStream> streams = parseEveryObject(parser, document.getDocument());
                checkOpenAction(document.getDocumentCatalog().getCOSObject());
                if (!findings.isEmpty()) {
                    throw refused("PDF 含有活动内容或附带文件：" + String.join("、", findings)
                            + "。档案不保存可执行或外部内容，请去除后（如另存为 PDF/A）重新上传");
                }
                List<COSStream> contents = new ArrayList<>();
                for (COSStream stream : streams) {
                    checkStream(stream);
                    if (COSName.FORM.equals(stream.getCOSName(COSName.SUBTYPE))) {
                        contents.add(stream);
                    }
                }
                List<COSDictionary> pages = pages(document.getDocumentCatalog().getCOSObject());
                if (pages.isEmpty()) {
                    throw refused("文件已损坏：PDF 没有页面");
                }
                for (COSDictionary page : pages) {
                    COSBase pageContents = page.getDictionaryObject(COSName.CONTENTS);
                    if (pageContents instanceof COSStream stream) {
                        contents.add(stream);
                    } else if (pageContents instanceof COSArray array) {
                        for (int i = 0; i < array.size(); i++) {
                            if (array.getObject(i) instanceof COSStream stream) {
                                contents.add(stream);
                            }
                        }
                    }
                }
                for (COSStream stream : contents) {
                    checkContentSyntax(stream);
                }
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setEndPage(MAX_TEXT_PAGES); // a response is a few pages; a 50,000-page upload is not read to the end
                return stripper.getText(document);
            }
        } catch (InvalidPasswordException e) {
            throw refused("PDF 已加密（需要口令才能打开），请上传未加密的文件");
        } catch (IOException e) {
            throw refused("文件已损坏：PDF 无法完整解析（" + e.getMessage() + "）。请用原软件重新导出 PDF 后上传");
        } catch (StackOverflowError e) {
            // PDFBox's parser descends recursively into nested arrays and dictionaries; our own walks are bounded.
            throw refused("PDF 结构嵌套过深，无法完整解析，拒收");
        } catch (FileRefused e) {
            throw e;
        } catch (RuntimeException e) {
            throw refused("文件已损坏：PDF 无法完整解析（" + e + "）。请用原软件重新导出 PDF 后上传");
        }
    }

    /** Parses every object of the cross-reference table and looks into each; returns the streams for decoding. */
    private List<COSStream> parseEveryObject(PDFParser parser, COSDocument document) throws IOException {
        List<COSStream> streams = new ArrayList<>();
        List<COSObjectKey> keys = new ArrayList<>(document.getXrefTable().keySet());
        Collections.sort(keys);
        for (COSObjectKey key : keys) {
            // The parser throws on a broken object; COSObject.getObject() would only log it and return null.
            COSBase object = parser.dereferenceCOSObject(document.getObjectFromPool(key));
            walk(object, streams);
        }
        walk(document.getTrailer(), streams);
        return streams;
    }

    /** Looks at every dictionary inside {@code root} without following references (each object is walked once). */
    private void walk(COSBase root, List<COSStream> streams) {
        if (root == null) {
            return;
        }
        Deque<Object[]> pending = new ArrayDeque<>();
        pending.push(new Object[] {root, 0});
        while (!pending.isEmpty()) {
            Object[] next = pending.pop();
            COSBase value = (COSBase) next[0];
            int depth = (int) next[1];
            if (depth > MAX_NESTING) {
                throw refused("PDF 对象嵌套超过 " + MAX_NESTING + " 层，无法完整解析，拒收");
            }
            if (value instanceof COSDictionary dictionary) {
                if (value instanceof COSStream stream) {
                    streams.add(stream);
                }
                look(dictionary);
                for (COSBase child : dictionary.getValues()) {
                    if (child instanceof COSDictionary || child instanceof COSArray) {
                        pending.push(new Object[] {child, depth + 1});
                    }
                }
            } else if (value instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    COSBase child = array.get(i);
                    if (child instanceof COSDictionary || child instanceof COSArray) {
                        pending.push(new Object[] {child, depth + 1});
                    }
                }
            }
        }
    }

    /** Records what is active or attached in one dictionary. */
    private void look(COSDictionary dictionary) {
        if (dictionary.containsKey(COSName.JS) || dictionary.containsKey(COSName.JAVA_SCRIPT)) {
            findings.add("JavaScript 脚本");
        }
        if (dictionary.containsKey(COSName.AA)) {
            findings.add("自动触发的附加动作（AA）");
        }
        if (dictionary.containsKey(COSName.EF) || dictionary.containsKey(COSName.EMBEDDED_FILES)
                || COSName.EMBEDDED_FILE.equals(dictionary.getCOSName(COSName.TYPE))) {
            findings.add("嵌入文件（附件）");
        }
        if (dictionary.containsKey(COSName.XFA)) {
            findings.add("XFA 动态表单");
        }
        COSName action = dictionary.getCOSName(COSName.S);
        if (action != null) {
            String refused = REFUSED_ACTIONS.get(action.getName());
            if (refused != null) {
                findings.add(refused);
            } else if (action.equals(NAMED)) {
                COSName named = dictionary.getCOSName(COSName.N);
                if (named == null || !ALLOWED_NAMED.contains(named.getName())) {
                    findings.add("PDF/A 不允许的命名动作（" + (named == null ? "?" : named.getName()) + "）");
                }
            }
        }
        COSName subtype = dictionary.getCOSName(COSName.SUBTYPE);
        if (subtype != null && REFUSED_ANNOTATIONS.containsKey(subtype.getName())
                && (dictionary.containsKey(COSName.RECT) || COSName.ANNOT.equals(dictionary.getCOSName(COSName.TYPE)))) {
            findings.add(REFUSED_ANNOTATIONS.get(subtype.getName()));
        }
    }

    /** A link to a web page is inert until clicked; the same action run on opening is not. */
    private void checkOpenAction(COSDictionary catalog) {
        if (catalog.getDictionaryObject(COSName.OPEN_ACTION) instanceof COSDictionary action) {
            COSName type = action.getCOSName(COSName.S);
            if (type != null && !type.equals(GO_TO)) {
                findings.add("打开文档时自动执行的动作（OpenAction " + type.getName() + "）");
            }
        }
    }

    /**
     * Checks a stream's data: every filter must be one ISO 32000-1 (7.4) defines; FlateDecode data is inflated
     * strictly (zlib checksum included, which PDFBox's own filter skips with a log line); the other general filters
     * are decoded through PDFBox. Image codecs (DCT, JPX, JBIG2, CCITT) are left to the viewer. All within the
     * unpacked-size budget.
     */
    private void checkStream(COSStream stream) throws IOException {
        List<String> filters = filterNames(stream);
        for (String filter : filters) {
            if (!GENERAL_FILTERS.contains(filter) && !IMAGE_FILTERS.contains(filter)) {
                throw refused("文件已损坏：PDF 数据流（对象 " + key(stream) + "）使用了未知的压缩方式 /" + filter
                        + "。请用原软件重新导出 PDF 后上传");
            }
        }
        if (filters.isEmpty()) {
            return;
        }
        if (!filters.get(0).equals("FlateDecode") && !filters.get(0).equals("Fl")) {
            if (filters.stream().noneMatch(IMAGE_FILTERS::contains)) {
                decodeWithinBudget(stream);
            }
            return;
        }
        Inflater inflater = new Inflater();
        byte[] input = new byte[16 * 1024];
        byte[] output = new byte[64 * 1024];
        try (InputStream raw = stream.createRawInputStream()) {
            int read;
            while (!inflater.finished() && (read = raw.read(input)) > 0) {
                inflater.setInput(input, 0, read);
                while (!inflater.needsInput() && !inflater.finished()) {
                    int produced = inflater.inflate(output);
                    inflated += produced;
                    if (inflated > limits.maxUnpackedBytes()) {
                        throw refused("PDF 中的压缩数据解压后超过 " + (limits.maxUnpackedBytes() >> 20) + " MiB：疑似压缩炸弹，拒收");
                    }
                    if (produced == 0 && inflater.needsDictionary()) {
                        throw new DataFormatException("preset dictionary");
                    }
                }
            }
            if (!inflater.finished()) {
                throw refused("文件已损坏：PDF 中的压缩数据流不完整（对象 " + key(stream) + "）。请用原软件重新导出 PDF 后上传");
            }
        } catch (DataFormatException e) {
            throw refused("文件已损坏：PDF 中的压缩数据流有误（对象 " + key(stream) + "：" + e.getMessage()
                    + "）。请用原软件重新导出 PDF 后上传");
        } finally {
            inflater.end();
        }
    }

    private void checkContentSyntax(COSStream stream) throws IOException {
        try (InputStream in = stream.createInputStream()) {
            ContentSyntax.problem(in, MAX_NESTING, limits.maxUnpackedBytes()).ifPresent(problem -> {
                throw refused("文件已损坏：PDF 页面内容（对象 " + key(stream) + "）无法完整解析：" + problem
                        + "。请用原软件重新导出 PDF 后上传");
            });
        }
    }

    private void decodeWithinBudget(COSStream stream) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = stream.createInputStream()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                inflated += read;
                if (inflated > limits.maxUnpackedBytes()) {
                    throw refused("PDF 中的压缩数据解压后超过 " + (limits.maxUnpackedBytes() >> 20) + " MiB：疑似压缩炸弹，拒收");
                }
            }
        }
    }

    private static List<String> filterNames(COSStream stream) {
        COSBase filters = stream.getFilters();
        List<String> names = new ArrayList<>();
        if (filters instanceof COSName name) {
            names.add(name.getName());
        } else if (filters instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                names.add(array.getObject(i) instanceof COSName name ? name.getName() : String.valueOf(array.getObject(i)));
            }
        } else if (filters != null) {
            names.add(String.valueOf(filters));
        }
        return names;
    }

    private static String key(COSStream stream) {
        COSObjectKey key = stream.getKey();
        return key == null ? "?" : key.getNumber() + " " + key.getGeneration();
    }

    /** Walks the page tree iteratively: a loop, a node reached twice, or more than 64 levels are refused. */
    private List<COSDictionary> pages(COSDictionary catalog) {
        if (!COSName.CATALOG.equals(catalog.getCOSName(COSName.TYPE))) {
            throw refused("文件已损坏：PDF 文档目录缺少 /Type /Catalog（ISO 32000-1 7.7.2）。请用原软件重新导出 PDF 后上传");
        }
        if (!(catalog.getDictionaryObject(COSName.PAGES) instanceof COSDictionary root)) {
            throw refused("文件已损坏：PDF 缺少页面树（/Pages）");
        }
        Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> pending = new ArrayDeque<>();
        pending.push(new Object[] {root, 1});
        List<COSDictionary> pages = new ArrayList<>();
        while (!pending.isEmpty()) {
            Object[] next = pending.pop();
            COSDictionary node = (COSDictionary) next[0];
            int depth = (int) next[1];
            if (!seen.add(node)) {
                throw refused("文件已损坏：PDF 页面树存在循环或重复引用，拒收");
            }
            if (seen.size() > MAX_PAGE_TREE_NODES) {
                throw refused("PDF 页面树节点超过 " + MAX_PAGE_TREE_NODES + " 个，拒收");
            }
            if (depth > MAX_PAGE_TREE_DEPTH) {
                throw refused("PDF 页面树超过 " + MAX_PAGE_TREE_DEPTH + " 层，无法完整解析，拒收");
            }
            COSBase kids = node.getDictionaryObject(COSName.KIDS);
            COSName type = node.getCOSName(COSName.TYPE);
            if (kids == null && COSName.PAGE.equals(type)) {
                pages.add(node);
                continue;
            }
            if (!COSName.PAGES.equals(type)) {
                throw refused("文件已损坏：PDF 页面树节点的 /Type 应为 /Pages 或 /Page（ISO 32000-1 7.7.3）。请用原软件重新导出 PDF 后上传");
            }
            if (!(kids instanceof COSArray array)) {
                throw refused("文件已损坏：PDF 页面树节点缺少 /Kids");
            }
            for (int i = array.size() - 1; i >= 0; i--) {
                COSBase kid = array.get(i);
                COSBase resolved = kid instanceof COSObject reference ? reference.getObject() : kid;
                if (!(resolved instanceof COSDictionary child)) {
                    throw refused("文件已损坏：PDF 页面树含有无效的节点");
                }
                pending.push(new Object[] {child, depth + 1});
            }
        }
        return pages;
    }

    private FileRefused refused(String reason) {
        return new FileRefused(fileName, reason);
    }
}
