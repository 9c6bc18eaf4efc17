package org.wenshu.generator.fonts;

/** A configured font cannot be used: missing file, unknown collection member, or outlines PDFBox cannot embed. */
public final class FontUnusable extends RuntimeException {

    public FontUnusable(String message) {
        super(message);
    }

    public FontUnusable(String message, Throwable cause) {
        super(message, cause);
    }
}
