package org.wenshu.app.signing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The issuing units' seals (各发文单位印章): each unit signs with its own key and shows its own name on the seal.
 * Looked up by the unit's full name; a unit without a configured key has no seal, and never borrows another's.
 */
public final class UnitSeals {

    private final Map<String, UnitSeal> seals;
    private final Map<String, String> unsealed;

    /**
     * @param seals    the seals by unit name
     * @param unsealed units that are configured but have no key, each with the reason (e.g. no key alias)
     */
    public UnitSeals(Map<String, UnitSeal> seals, Map<String, String> unsealed) {
        this.seals = new LinkedHashMap<>(seals);
        this.unsealed = new LinkedHashMap<>(unsealed);
    }

    /**
     * The seal of the unit named {@code unitName}.
     *
     * @throws UnitSealMissing when no key is configured for that unit
     */
    public UnitSeal forUnit(String unitName) {
        String name = unitName == null ? "" : unitName.strip();
        UnitSeal seal = seals.get(name);
        if (seal == null) {
            String reason = unsealed.getOrDefault(name, "wenshu.signing.units 中没有该单位");
            throw new UnitSealMissing(name, reason, units());
        }
        return seal;
    }

    /** The names of the units that have a seal, in configuration order. */
    public List<String> units() {
        return List.copyOf(seals.keySet());
    }
}
