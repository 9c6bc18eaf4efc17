package org.wenshu.archive.uploads;

/**
 * An uploaded file that passed inspection.
 *
 * @param originalName the sanitised name the uploader gave (kept as metadata, never used in an object key)
 * @param mediaType    the type detected from the content
 * @param extension    the canonical extension for that type, without the dot
 * @param text         text extracted for the search index (empty for scans)
 */
public record InspectedFile(String originalName, String mediaType, String extension, String text) {
}
