package org.wenshu.app.bulk;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An upload kept (content-addressed) for validation and the job: the names are the SHA-256 of the bytes plus the
 * extension, so that the same files confirmed twice name the same job instance, and a name from a form can never
 * point outside the upload folder.
 *
 * @param typeId    the instrument type id
 * @param listFile  {@code <sha256>.<ext>} of the recipient list
 * @param dataFile  {@code <sha256>.json} of the base data
 * @param encoding  the CSV list's encoding when not UTF-8
 * @param skipLimit the most bad rows skipped, when not the configured default
 * @param listName  the list's file name as the user uploaded it (without folders, at most 200 characters; empty when
 *                  the upload named none): messages about the list name it, never the kept file
 * @param dataName  the base data's file name as uploaded, likewise
 */
public record StoredUpload(String typeId, String listFile, String dataFile, Optional<String> encoding,
                           Optional<Integer> skipLimit, String listName, String dataName) {

    static final Pattern NAME = Pattern.compile("[0-9a-f]{64}\\.[a-z0-9]{1,8}");

    public StoredUpload {
        if (!NAME.matcher(listFile).matches() || !NAME.matcher(dataFile).matches()) {
            throw new UploadRefused("upload", "上传的文件已失效，请重新上传名单和基础数据");
        }
        encoding = encoding.map(String::strip).filter(e -> !e.isEmpty());
        listName = shownName(listName);
        dataName = shownName(dataName);
    }

    /** An upload whose original file names are not known (the messages then say 名单文件 / 基础数据文件 alone). */
    public StoredUpload(String typeId, String listFile, String dataFile, Optional<String> encoding,
                        Optional<Integer> skipLimit) {
        this(typeId, listFile, dataFile, encoding, skipLimit, "", "");
    }

    /**
     * The name a user knows a file by: without the folders some browsers send (C:\fakepath\…), without control
     * characters, at most 200 characters; empty for none.
     */
    static String shownName(String name) {
        if (name == null) {
            return "";
        }
        String shown = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }
}
