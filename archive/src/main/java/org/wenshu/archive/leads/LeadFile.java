package org.wenshu.archive.leads;

/**
 * A stored file of a lead: an attachment of the filing agency ({@code EVIDENCE}) or the procuratorate's result file
 * ({@code RESULT}), with its original name, media type, size in bytes, SHA-256 (hex) and the extracted text.
 */
public record LeadFile(String key, String role, String name, String mediaType, long size, String sha256, String text) {
}
