package org.wenshu.archive;

import java.util.Optional;

/**
 * 单位: a procuratorate, a government or one of its departments; {@code parentId} is the superior unit (抄报).
 *
 * @param kind PROCURATORATE, GOVERNMENT, AGENCY or OFFICE (an office within another unit)
 */
public record Unit(String id, String name, String shortName, String kind, Optional<String> parentId) {
}
