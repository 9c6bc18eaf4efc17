package org.wenshu.archive.uploads;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Decides whether an uploaded response file is accepted: type from the content (Apache Tika), never from the name;
 * empty, oversized, encrypted, corrupt, disguised and decompression-bomb files are refused with the reason.
 * Accepted files come back with their extracted text (PDFBox for PDF, Tika for DOCX, the OFD page XML).
 */
public final class UploadInspector {

    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String OFD = "application/ofd";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    private static final Map<String, List<String>> EXTENSIONS = Map.of(
            PDF, List.of("pdf"), DOCX, List.of("docx"), OFD, List.of("ofd"), JPEG, List.of("jpg", "jpeg"), PNG, List.of("png"));
    private static final Set<String> CLAIMABLE = Set.of("pdf", "docx", "ofd", "jpg", "jpeg", "png");
    private static final Set<String> ZIP_TYPES = Set.of("application/zip", "application/x-tika-ooxml", DOCX);
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "application/x-msdownload", "Windows 可执行程序",
            "application/x-dosexec", "可执行程序",
            "application/x-executable", "可执行程序",
            "application/x-sh", "脚本",
            "text/html", "网页",
            "application/zip", "ZIP 压缩包",
            "application/x-msdownload; format=pe32", "Windows 可执行程序");
    private static final long ONE_MIB = 1L << 20;
    private static final int MAX_TEXT_PAGES = 500;

    private final UploadLimits limits;
    private final Detector detector;

    public UploadInspector(UploadLimits limits) {
        this.limits = limits;
        this.detector = TikaConfig.getDefaultConfig().getDetector();
    }

    /** Inspects one file; throws {@link FileRefused} with the reason when it is not accepted. */
    public InspectedFile inspect(String name, byte[] content) {
        String safeName = FileNames.sanitise(name);
        if (content.length == 0) {
            throw new FileRefused(safeName, "文件为空（0 字节）");
        }
        if (content.length > limits.maxFileBytes()) {
            throw new FileRefused(safeName, "文件大小 " + content.length + " 字节，超过单个文件上限 " + limits.maxFileBytes() + " 字节");
        }
        String detected = detect(safeName, content);
        String claimed = FileNames.extension(safeName);
        if (ZIP_TYPES.contains(detected)) {
            checkPackage(safeName, content);
        }
        String type = accepted(detected, content);
        if (type == null) {
            throw new FileRefused(safeName, refusal(detected, claimed));
        }
        if (!claimed.isEmpty() && !EXTENSIONS.get(type).contains(claimed)) {
            throw new FileRefused(safeName, "文件扩展名 ." + claimed + " 与内容类型 " + type + " 不符");
        }
        String text = switch (type) {
            case PDF -> pdfText(safeName, content);
            case DOCX -> docxText(safeName, content);
            case OFD -> ofdText(safeName, content);
            default -> checkImage(safeName, content);
        };
        return new InspectedFile(safeName, type, EXTENSIONS.get(type).get(0), text);
    }

    private String detect(String name, byte[] content) {
        try (TikaInputStream in = TikaInputStream.get(content)) {
            // No file name in the metadata: the type comes from the bytes alone.
            return detector.detect(in, new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new FileRefused(name, "无法识别文件类型: " + e.getMessage());
        }
    }

    private String accepted(String detected, byte[] content) {
        if (EXTENSIONS.containsKey(detected) && !detected.equals(OFD)) {
            return detected;
        }
        if (detected.equals("application/zip") && hasEntry(content, "OFD.xml")) {
            return OFD;
        }
        return null;
    }

    private static String refusal(String detected, String claimed) {
        if (detected.equals("application/x-tika-ooxml-protected") || detected.equals("application/x-tika-msoffice")
                && claimed.equals("docx")) {
            return "文件已加密（受口令保护的 Office 文档），请上传未加密的文件";
        }
        if ((detected.equals("application/zip") || detected.equals("application/x-tika-ooxml"))
                && (claimed.equals("docx") || claimed.equals("ofd"))) {
            return "文件已损坏：不是有效的 " + claimed.toUpperCase() + " 文档";
        }
        String description = DESCRIPTIONS.getOrDefault(detected, detected);
        if (CLAIMABLE.contains(claimed)) {
            return "文件名为 ." + claimed + "，但内容是" + description + "（" + detected + "）：伪装的文件，拒收";
        }
        return "不支持的文件类型: " + description + "（" + detected + "）；只接受 PDF、DOCX、OFD、JPEG、PNG";
    }

    /** Reads every entry of a zip package, counting what it really unpacks to (declared sizes can lie). */
    private void checkPackage(String name, byte[] content) {
        long unpacked = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            while (zip.getNextEntry() != null) {
                if (++entries > 10_000) {
                    throw new FileRefused(name, "压缩包内条目超过 10000 个：疑似压缩炸弹，拒收");
                }
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    unpacked += read;
                    if (unpacked > limits.maxUnpackedBytes()) {
                        throw new FileRefused(name, "解压后超过 " + limits.maxUnpackedBytes() / ONE_MIB + " MiB：疑似压缩炸弹，拒收");
                    }
                    if (unpacked > ONE_MIB && unpacked > (long) limits.maxCompressionRatio() * content.length) {
                        throw new FileRefused(name, "压缩比超过 " + limits.maxCompressionRatio() + ":1：疑似压缩炸弹，拒收");
                    }
                }
            }
        } catch (ZipException | EOFException e) {
            throw new FileRefused(name, "文件已损坏：压缩包无法读取（" + e.getMessage() + "）");
        } catch (IOException e) {
            throw new FileRefused(name, "文件已损坏：" + e.getMessage());
        }
        if (entries == 0) {
            throw new FileRefused(name, "文件已损坏：压缩包中没有内容");
        }
    }

    private static boolean hasEntry(byte[] content, String entryName) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals(entryName)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private String pdfText(String name, byte[] content) {
        try (PDDocument document = Loader.loadPDF(content)) {
            if (document.isEncrypted()) {
                throw new FileRefused(name, "PDF 已加密（设有口令或权限限制），请上传未加密的文件");
            }
            if (document.getNumberOfPages() == 0) {
                throw new FileRefused(name, "文件已损坏：PDF 没有页面");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setEndPage(MAX_TEXT_PAGES); // a response is a few pages; a 50,000-page upload is not read to the end
            return cut(stripper.getText(document));
        } catch (InvalidPasswordException e) {
            throw new FileRefused(name, "PDF 已加密（需要口令才能打开），请上传未加密的文件");
        } catch (IOException e) {
            throw new FileRefused(name, "文件已损坏：PDF 无法解析（" + e.getMessage() + "）");
        }
    }

    private String docxText(String name, byte[] content) {
        BodyContentHandler handler = new BodyContentHandler(limits.maxTextChars());
        try (TikaInputStream in = TikaInputStream.get(content)) {
            new AutoDetectParser().parse(in, handler, new Metadata(), new ParseContext());
            return handler.toString();
        } catch (EncryptedDocumentException e) {
            throw new FileRefused(name, "文件已加密（受口令保护的 Office 文档），请上传未加密的文件");
        } catch (Exception e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                return handler.toString();
            }
            throw new FileRefused(name, "文件已损坏：DOCX 无法解析（" + rootMessage(e) + "）");
        }
    }

    /** OFD (GB/T 33190): a zip whose page descriptions hold the text in {@code TextCode} elements. */
    private String ofdText(String name, byte[] content) {
        StringBuilder text = new StringBuilder();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // Uploaded XML: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().endsWith("Content.xml")) {
                    appendTextCodes(factory, zip, text);
                }
            }
        } catch (IOException | XMLStreamException e) {
            throw new FileRefused(name, "文件已损坏：OFD 无法解析（" + e.getMessage() + "）");
        }
        return cut(text.toString());
    }

    private static void appendTextCodes(XMLInputFactory factory, InputStream in, StringBuilder text) throws XMLStreamException {
        XMLStreamReader reader = factory.createXMLStreamReader(new NonClosingStream(in));
        boolean inText = false;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamReader.START_ELEMENT && reader.getLocalName().equals("TextCode")) {
                inText = true;
            } else if (event == XMLStreamReader.END_ELEMENT && reader.getLocalName().equals("TextCode")) {
                inText = false;
            } else if (inText && event == XMLStreamReader.CHARACTERS) {
                text.append(reader.getText());
            } else if (event == XMLStreamReader.END_ELEMENT && reader.getLocalName().equals("TextObject")) {
                text.append('\n');
            }
        }
        reader.close();
    }

    private String checkImage(String name, byte[] content) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new FileRefused(name, "文件已损坏：无法读取图像");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > limits.maxPixels()) {
                    throw new FileRefused(name, "图像 " + reader.getWidth(0) + "×" + reader.getHeight(0) + " 像素，超过上限 "
                            + limits.maxPixels() + " 像素");
                }
                reader.read(0); // decodes fully: a truncated or damaged scan fails here
            } finally {
                reader.dispose();
            }
            return "";
        } catch (IOException | RuntimeException e) {
            if (e instanceof FileRefused refused) {
                throw refused;
            }
            throw new FileRefused(name, "文件已损坏：图像无法解码（" + e.getMessage() + "）");
        }
    }

    private String cut(String text) {
        return text.length() <= limits.maxTextChars() ? text : text.substring(0, limits.maxTextChars());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Keeps the StAX reader from closing the zip stream between entries. */
    private static final class NonClosingStream extends java.io.FilterInputStream {
        NonClosingStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
