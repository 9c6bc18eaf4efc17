package org.wenshu.archive.uploads;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * A zip package (DOCX, OFD) read and checked before any of its content is believed: entry names that stay inside the
 * package (no {@code ../}, no absolute or drive paths, no backslashes, no control characters), no symbolic links
 * (Unix mode in the central directory's external attributes), no duplicate names, the same entries in the central
 * directory and the local headers (APPNOTE 4.3), and the real unpacked size and ratio within {@link UploadLimits}.
 * The text of XML parts ({@code .xml}, {@code .rels}) is kept for the format checks.
 */
final class ZipPackage {

    private static final long ONE_MIB = 1L << 20;
    private static final int MAX_ENTRIES = 10_000;

    private final List<String> names;
    private final Map<String, byte[]> xmlParts;

    private ZipPackage(List<String> names, Map<String, byte[]> xmlParts) {
        this.names = List.copyOf(names);
        this.xmlParts = Collections.unmodifiableMap(xmlParts);
    }

    /** Reads and checks {@code content}; {@link FileRefused} names the first problem. */
    static ZipPackage read(String fileName, byte[] content, UploadLimits limits) {
        List<String> names = new ArrayList<>();
        Map<String, byte[]> xml = new LinkedHashMap<>();
        long unpacked = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
            Set<String> seen = new HashSet<>();
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (names.size() >= MAX_ENTRIES) {
                    throw new FileRefused(fileName, "压缩包内条目超过 " + MAX_ENTRIES + " 个：疑似压缩炸弹，拒收");
                }
                String name = entry.getName();
                // commons-compress turns backslashes into slashes in some names: judge the stored bytes too.
                String raw = new String(entry.getRawName(), java.nio.charset.StandardCharsets.UTF_8);
                unsafeName(raw).or(() -> unsafeName(name)).ifPresent(reason -> {
                    throw new FileRefused(fileName, "压缩包条目「" + printable(raw) + "」" + reason + "，拒收");
                });
                if (entry.isUnixSymlink()) {
                    throw new FileRefused(fileName, "压缩包条目「" + name + "」是符号链接，拒收");
                }
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new FileRefused(fileName, "压缩包中有重名条目「" + name + "」，拒收");
                }
                names.add(name);
                if (entry.isDirectory()) {
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    throw new FileRefused(fileName, "压缩包条目「" + name + "」使用了不支持的压缩方式或已加密");
                }
                boolean keep = isXml(name);
                ByteArrayOutputStream data = keep ? new ByteArrayOutputStream() : null;
                try (InputStream in = zip.getInputStream(entry)) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        unpacked += read;
                        if (unpacked > limits.maxUnpackedBytes()) {
                            throw new FileRefused(fileName, "解压后超过 " + limits.maxUnpackedBytes() / ONE_MIB + " MiB：疑似压缩炸弹，拒收");
                        }
                        if (unpacked > ONE_MIB && unpacked > (long) limits.maxCompressionRatio() * content.length) {
                            throw new FileRefused(fileName, "压缩比超过 " + limits.maxCompressionRatio() + ":1：疑似压缩炸弹，拒收");
                        }
                        if (keep) {
                            data.write(buffer, 0, read);
                        }
                    }
                }
                if (keep) {
                    xml.put(name, data.toByteArray());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FileRefused refused) {
                throw refused;
            }
            throw new FileRefused(fileName, "文件已损坏：压缩包无法读取（" + e.getMessage() + "）");
        }
        if (names.isEmpty()) {
            throw new FileRefused(fileName, "文件已损坏：压缩包中没有内容");
        }
        if (!names.equals(localNames(content))) {
            // Readers that stream the local headers would see other files than readers of the central directory.
            throw new FileRefused(fileName, "文件已损坏：压缩包的目录与其内容不一致，拒收");
        }
        return new ZipPackage(names, xml);
    }

    /** Every entry name in the order stored. */
    List<String> names() {
        return names;
    }

    /** Whether the package holds an entry of exactly this name. */
    boolean has(String name) {
        return names.contains(name);
    }

    /** The XML parts ({@code .xml}, {@code .rels}) by entry name. */
    Map<String, byte[]> xmlParts() {
        return xmlParts;
    }

    /** Why an entry name could escape the package, or empty when it stays inside. */
    static Optional<String> unsafeName(String name) {
        if (name.isEmpty()) {
            return Optional.of("名称为空");
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("含反斜杠（\\）路径");
        }
        if (name.startsWith("/") || name.length() > 1 && name.charAt(1) == ':') {
            return Optional.of("是绝对路径");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of("含 ../ 路径");
            }
        }
        if (name.contains("//")) {
            return Optional.of("含空路径段");
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return Optional.of("含控制字符或不可见字符");
        }
        return Optional.empty();
    }

    private static boolean isXml(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xml") || lower.endsWith(".rels");
    }

    private static List<String> localNames(byte[] content) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
        return names;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("U+%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
