package org.wenshu.generator.fonts;

import java.util.Objects;

/**
 * Where one CSS font family's typeface comes from (字体来源).
 *
 * @param family   the CSS family name the templates use, e.g. {@code wenshu-fangsong}
 * @param location {@code classpath:fonts/uming.ttc} for a font shipped in the application, otherwise a file path
 * @param member   the font's PostScript or family name inside a TrueType collection (.ttc), e.g.
 *                 {@code AR PL UMing CN}; blank for a single font file or the first font of a collection
 */
public record FontSource(String family, String location, String member) {

    public FontSource {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(location, "location");
        member = member == null ? "" : member;
    }
}
