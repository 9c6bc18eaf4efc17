package org.wenshu.archive.uploads;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * empty, oversized, encrypted, corrupt, damaged, disguised and decompression-bomb files are refused with the reason,
 * and so are files with active or external content (PDF JavaScript, actions, attachments; DOCX external
 * relationships and embedded objects), unsafe packages (zip entries leaving the package, links, duplicates, DTDs)
 * and images that do not decode cleanly. Accepted files come back with their extracted text (PDFBox for PDF, Tika
 * for DOCX, the OFD pages' {@code TextCode}).
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

    private final UploadLimits limits;
    private final Detector detector;

    public UploadInspector(UploadLimits limits) {
        this.limits = limits;
        this.detector = TikaConfig.getDefaultConfig().getDetector();
    }

    /** Inspects one file, the first of its upload; see {@link #inspect(String, byte[], int)}. */
    public InspectedFile inspect(String name, byte[] content) {
        return inspect(name, content, 1);
    }

    /**
     * Inspects the file at {@code position} (from 1) of an upload: type from the content, then the format's own
     * checks (strict PDF, DOCX relationships, OFD structure, full image decoding). Throws {@link FileRefused} with the
     * reason when it is not accepted; a name without a visible stem is shown as {@code 附件N.ext}.
     */
    public InspectedFile inspect(String name, byte[] content, int position) {
        String claimed = FileNames.claimedExtension(name);
        String safeName = FileNames.display(name, position, claimed);
        if (content.length == 0) {
            throw new FileRefused(safeName, "文件为空（0 字节）");
        }
        if (content.length > limits.maxFileBytes()) {
            throw new FileRefused(safeName, "文件大小 " + content.length + " 字节，超过单个文件上限 " + limits.maxFileBytes() + " 字节");
        }
        String detected = detect(safeName, content);
        ZipPackage zip = ZIP_TYPES.contains(detected) ? ZipPackage.read(safeName, content, limits) : null;
        String type = accepted(detected, zip);
        if (type == null) {
            throw new FileRefused(safeName, refusal(detected, claimed));
        }
        if (!claimed.isEmpty() && !EXTENSIONS.get(type).contains(claimed)) {
            throw new FileRefused(safeName, "文件扩展名 ." + claimed + " 与内容类型 " + type + " 不符");
        }
        if (claimed.isEmpty()) {
            safeName = FileNames.display(name, position, EXTENSIONS.get(type).get(0));
        }
        String text = switch (type) {
            case PDF -> PdfInspection.inspect(safeName, content, limits);
            case DOCX -> {
                DocxInspection.check(safeName, zip);
                yield docxText(safeName, content);
            }
            case OFD -> OfdInspection.text(safeName, zip);
            default -> {
                ImageInspection.check(safeName, type, content, limits);
                yield "";
            }
        };
        return new InspectedFile(safeName, type, EXTENSIONS.get(type).get(0), cut(text));
    }

    private String detect(String name, byte[] content) {
        try (TikaInputStream in = TikaInputStream.get(content)) {
            // No file name in the metadata: the type comes from the bytes alone.
            return detector.detect(in, new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new FileRefused(name, "无法识别文件类型: " + e.getMessage());
        }
    }

    private static String accepted(String detected, ZipPackage zip) {
        if (EXTENSIONS.containsKey(detected) && !detected.equals(OFD)) {
            return detected;
        }
        if (detected.equals("application/zip") && zip != null && zip.has("OFD.xml")) {
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
}
