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
        String listName = StoredUpload.shownName(upload.listName());
        String dataName = StoredUpload.shownName(upload.dataName());
        if (upload.list() == null || upload.list().length == 0) {
            throw new UploadRefused("list", "缺少名单文件（.csv 或 .xlsx），或文件是空的");
        }
        if (upload.list().length > settings.maxListBytes()) {
            throw new UploadRefused("list", "upload-too-large", listTooLarge(listName, settings));
        }
        if (upload.data() == null || upload.data().length == 0) {
            throw new UploadRefused("data", "缺少基础数据文件（JSON），或文件是空的");
        }
        if (upload.data().length > MAX_DATA_BYTES) {
            throw new UploadRefused("data", "upload-too-large", dataTooLarge(dataName));
        }
        String extension = extension(listName);
        if (!LIST_EXTENSIONS.contains(extension)) {
            throw new UploadRefused("list", (listName.isEmpty()
                    ? "上传的名单文件没有文件名，无法判断格式：名单文件须为 .csv（UTF-8）或 .xlsx，请以带扩展名的文件上传"
                    : "名单文件 " + listName + " 不是 .csv 或 .xlsx：名单文件须为 .csv（UTF-8）或 .xlsx")
                    + (extension.equals("xls") ? "；旧版 .xls 请在表格软件中另存为 .xlsx"
                            : extension.equals("txt") ? "；文本文件请在表格软件中另存为“CSV UTF-8（逗号分隔）”" : ""));
        }
        return new StoredUpload(upload.typeId().strip(), keep(upload.list(), extension), keep(upload.data(), "json"),
                upload.encoding(), upload.skipLimit(), listName, dataName);
    }

    /**
     * The one statement of the list's limit, wherever a list is refused as too large (this check, the servlet
     * container's per-file limit, the page's hint): {@code 名单文件 X 超过上限：名单文件不超过 20 MB、10000 行…}.
     *
     * @param listName the file's name as uploaded; empty when unknown
     */
    static String listTooLarge(String listName, BatchSettings settings) {
        return "名单文件" + (listName.isEmpty() ? "" : " " + listName) + " 过大：" + listLimit(settings)
                + "，请拆分为多个文件";
    }

    /** The list's limit as the form states it: {@code 名单文件不超过 20 MB、10000 行}. */
    static String listLimit(BatchSettings settings) {
        return "名单文件不超过 " + megabytes(settings.maxListBytes()) + "、" + settings.maxRows() + " 行";
    }

    /** The one statement of the base data's limit: {@code 基础数据文件 X 过大：基础数据文件不超过 1 MB}. */
    static String dataTooLarge(String dataName) {
        return "基础数据文件" + (dataName.isEmpty() ? "" : " " + dataName) + " 过大：基础数据文件不超过 "
                + megabytes(MAX_DATA_BYTES);
    }

    /** {@code bytes} in whole MB when it is a whole number of them (as the settings give it), else in KB. */
    static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : (bytes + 1023) / 1024 + " KB";
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
