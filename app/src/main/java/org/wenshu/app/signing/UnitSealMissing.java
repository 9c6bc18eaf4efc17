package org.wenshu.app.signing;

import java.util.List;

/**
 * An instrument names an issuing unit that has no seal key configured (发文单位未配置印章): nothing is signed. The
 * message is for any user (which units do have a seal); {@link #configurationHint()} tells the operator how to give
 * the unit one and is for the command line and the log only.
 */
public final class UnitSealMissing extends RuntimeException {

    private final String unit;
    private final String hint;

    public UnitSealMissing(String unit, String reason, List<String> sealedUnits) {
        super("发文机关 " + unit + " 没有电子印章，不能发文；有电子印章的发文机关："
                + (sealedUnits.isEmpty() ? "无" : String.join("、", sealedUnits)));
        this.unit = unit;
        this.hint = "发文单位「" + unit + "」没有配置印章密钥，不能以其名义签章（" + reason + "）；已配置印章的单位："
                + (sealedUnits.isEmpty() ? "无" : String.join("、", sealedUnits))
                + "。请在 wenshu.signing.units.<id> 中配置 name 和 key-alias";
    }

    /** The unit named. */
    public String unit() {
        return unit;
    }

    /** The cause with the configuration to change (property names included): for the operator, not for web users. */
    public String configurationHint() {
        return hint;
    }
}
