package org.wenshu.archive;

/** A file as the agency uploaded it: the name it gave (untrusted) and the bytes. */
public record UploadedFile(String name, byte[] content) {
}
