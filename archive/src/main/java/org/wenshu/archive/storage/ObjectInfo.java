package org.wenshu.archive.storage;

import java.util.Map;

/** What the server says about a stored object: size, content type and user metadata ({@code x-amz-meta-*}). */
public record ObjectInfo(String key, long size, String contentType, Map<String, String> metadata) {
}
