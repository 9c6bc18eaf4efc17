package org.wenshu.generator.signing;

import java.util.Optional;

/**
 * What a visible signature shows: the unit's round red seal (公章), drawn from the unit name and role text,
 * or a configured image of the real seal.
 *
 * @param unitName  the issuing unit, set along the upper arc, e.g. 某某市人民检察院
 * @param roleText  the seal's purpose under the star, e.g. 检察建议专用章; may be empty
 * @param position  where to put the seal; empty places it over the unit signature and date, on the page they fall on
 * @param image     a PNG or JPEG of the real seal that replaces the drawing
 * @param diameterPoints the seal's diameter in PDF points (42 mm, the size of a procuratorate's seal, by default)
 */
public record SealAppearance(String unitName, String roleText, Optional<SealPosition> position, Optional<byte[]> image,
                             float diameterPoints) {

    /** 42 mm in points (1 pt = 1/72 in). */
    public static final float STANDARD_DIAMETER = 42f / 25.4f * 72f;

    public SealAppearance {
        if (unitName.isBlank() && image.isEmpty()) {
            throw new IllegalArgumentException("a drawn seal needs the unit name");
        }
        if (diameterPoints <= 0) {
            throw new IllegalArgumentException("seal diameter must be positive");
        }
    }

    /** A drawn seal placed automatically over the unit signature and date. */
    public static SealAppearance drawn(String unitName, String roleText) {
        return new SealAppearance(unitName, roleText, Optional.empty(), Optional.empty(), STANDARD_DIAMETER);
    }

    /** The same seal at a fixed position. */
    public SealAppearance at(SealPosition where) {
        return new SealAppearance(unitName, roleText, Optional.of(where), image, diameterPoints);
    }

    /** The same seal rendered from an image of the real seal. */
    public SealAppearance withImage(byte[] sealImage) {
        return new SealAppearance(unitName, roleText, position, Optional.of(sealImage.clone()), diameterPoints);
    }

    /** The same seal with another diameter, e.g. a small personal stamp. */
    public SealAppearance withDiameter(float points) {
        return new SealAppearance(unitName, roleText, position, image, points);
    }
}
