package org.wenshu.archive;

/** 存档文件: an object the archive wrote, with the SHA-256 and size recorded when it was written. */
public record StoredFile(String key, String sha256, long size, String mediaType) {
}
