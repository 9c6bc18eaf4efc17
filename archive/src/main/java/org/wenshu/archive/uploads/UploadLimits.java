package org.wenshu.archive.uploads;

/**
 * Limits applied to every uploaded file before anything is stored.
 *
 * @param maxFileBytes        largest accepted file
 * @param maxUnpackedBytes    largest total of the uncompressed entries of a DOCX or OFD (zip) package
 * @param maxCompressionRatio largest ratio unpacked/packed of such a package once it unpacks past 1 MiB
 * @param maxPixels           largest image (width × height) that is decoded
 * @param maxTextChars        extracted text kept for the search index is cut at this length
 */
public record UploadLimits(long maxFileBytes, long maxUnpackedBytes, int maxCompressionRatio, long maxPixels,
                           int maxTextChars) {

    /** 20 MiB files, 100 MiB unpacked, ratio 100, 60 megapixels, one million characters of text. */
    public static UploadLimits defaults() {
        return new UploadLimits(20L << 20, 100L << 20, 100, 60_000_000L, 1_000_000);
    }
}
