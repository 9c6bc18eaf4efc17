package org.wenshu.archive;

/** A stored attachment of a response, with the text extracted for the search index. */
public record ResponseFile(String originalName, StoredFile stored, String text) {
}
