package org.wenshu.app.signing;

import java.util.List;

/** An instrument names an issuing unit that has no seal key configured (发文单位未配置印章): nothing is signed. */
public final class UnitSealMissing extends RuntimeException {

    private final String unit;

    public UnitSealMissing(String unit, String reason, List<String> sealedUnits) {
        super("发文单位「" + unit + "」没有配置印章密钥，不能以其名义签章（" + reason + "）；已配置印章的单位："
                + (sealedUnits.isEmpty() ? "无" : String.join("、", sealedUnits))
                + "。请在 wenshu.signing.units.<id> 中配置 name 和 key-alias");
        this.unit = unit;
    }

    /** The unit named. */
    public String unit() {
        return unit;
    }
}
