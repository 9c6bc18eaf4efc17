package org.wenshu.generator;

/**
 * A printed instrument: the PDF/A-2b file and its page count.
 *
 * @param content the complete PDF file; callers must not modify the array
 * @param pages   the number of pages
 */
public record RenderedPdf(byte[] content, int pages) {
}
