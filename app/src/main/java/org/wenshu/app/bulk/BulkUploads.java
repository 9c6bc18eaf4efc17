package org.wenshu.app.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import org.wenshu.batch.BatchSettings;

/**
 * The folder of bulk-issue uploads ({@code $WENSHU_HOME/bulk-uploads}): each file is kept under the SHA-256 of its
 * bytes and its extension, written to a temporary name and moved into place, so the same bytes are kept once and a
 * kept file is never half written. The job re-reads them by path (and checks their hashes) on every restart.
 */
final class BulkUploads {

    /** The largest base data file accepted, in bytes: a JSON object of field values. */
    static final long MAX_DATA_BYTES = 1024 * 1024;
    private static final Set<String> LIST_EXTENSIONS = Set.of("csv", "xlsx");

    private final Path folder;
    private final BatchSettings settings;

    BulkUploads(Path folder, BatchSettings settings) {
        this.folder = folder;
        this.settings = settings;
    }

    /**
     * Keeps the list and the base data of {@code upload}.
     *
     * @throws UploadRefused for a missing or empty part, a list or base data file too large, a list that is neither
     *                       CSV nor XLSX by its name
     */
    StoredUpload store(BulkUpload upload) {
        if (upload.list() == null || upload.list().length == 0) {
            throw new UploadRefused("list", "缺少名单文件（.csv 或 .xlsx），或文件是空的");
        }
        if (upload.list().length > settings.maxListBytes()) {
            throw new UploadRefused("list", "名单文件 " + upload.listName() + " 有 " + upload.list().length
                    + " 字节，超过上限 " + settings.maxListBytes() + "：请拆分为多个文件");
        }
        if (upload.data() == null || upload.data().length == 0) {
            throw new UploadRefused("data", "缺少基础数据文件（JSON），或文件是空的");
        }
        if (upload.data().length > MAX_DATA_BYTES) {
            throw new UploadRefused("data", "基础数据文件有 " + upload.data().length + " 字节，超过上限 " + MAX_DATA_BYTES);
        }
        String extension = extension(upload.listName());
        if (!LIST_EXTENSIONS.contains(extension)) {
            throw new UploadRefused("list", "名单文件须为 .csv（UTF-8）或 .xlsx：" + upload.listName()
                    + (extension.equals("xls") ? "；旧版 .xls 请在表格软件中另存为 .xlsx"
                            : extension.equals("txt") ? "；文本文件请在表格软件中另存为“CSV UTF-8（逗号分隔）”" : ""));
        }
        return new StoredUpload(upload.typeId().strip(), keep(upload.list(), extension), keep(upload.data(), "json"),
                upload.encoding(), upload.skipLimit());
    }

    /** The path of a kept file; {@code name} is checked by {@link StoredUpload}. */
    Path path(String name) {
        return folder.resolve(name);
    }

    private String keep(byte[] content, String extension) {
        String name = sha256(content) + "." + extension;
        Path file = folder.resolve(name);
        try {
            Files.createDirectories(folder);
            if (!Files.isRegularFile(file)) {
                Path partial = Files.createTempFile(folder, "upload-", ".part");
                Files.write(partial, content);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the upload in " + folder, e);
        }
        return name;
    }

    private static String extension(String fileName) {
        String name = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
