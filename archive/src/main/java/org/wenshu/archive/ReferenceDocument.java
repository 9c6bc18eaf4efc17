package org.wenshu.archive;

import java.time.Instant;

/** 参考文献: an imported reference text (law, precedent) stored content-addressed under {@code references/}. */
public record ReferenceDocument(String id, String source, String contentSha256, String mediaType, long size,
                                String key, Instant storedAt) {
}
