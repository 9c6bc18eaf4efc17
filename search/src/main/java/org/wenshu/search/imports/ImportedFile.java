package org.wenshu.search.imports;

/**
 * A reference text read from an import folder (导入文件): what the archive stores and the index indexes.
 *
 * @param id        record id, {@code ref-} + SHA-256 of the content: the same bytes always get the same id
 * @param source    path relative to the imported folder, with {@code /} separators
 * @param mediaType media type of the file
 * @param sha256    hex SHA-256 of {@code bytes}
 * @param bytes     the file's content
 * @param title     the first heading, or the file name without extension
 * @param text      the extracted text
 */
public record ImportedFile(String id, String source, String mediaType, String sha256, byte[] bytes, String title,
        String text) {
}
