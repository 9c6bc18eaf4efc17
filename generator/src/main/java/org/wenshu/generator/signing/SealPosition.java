package org.wenshu.generator.signing;

/**
 * The centre of a seal in PDF user space (points, origin at the lower left of the page).
 *
 * @param pageIndex zero-based page number; negative counts from the end (-1 = last page)
 */
public record SealPosition(int pageIndex, float centerX, float centerY) {
}
