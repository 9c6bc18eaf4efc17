package org.wenshu.archive.tracking;

/**
 * 佐证材料: one evidence file of a progress report, as inspected and stored.
 *
 * @param index 1-based position in the report
 * @param name  the name the unit gave the file (display only; never part of the object key)
 * @param size  bytes
 */
public record EvidenceFile(int index, String name, String mediaType, long size, String sha256, String key) {
}
