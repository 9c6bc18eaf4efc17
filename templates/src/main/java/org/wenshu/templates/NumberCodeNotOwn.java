package org.wenshu.templates;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The document number would use another unit's code (机关代字): under GB/T 9704 the code names the issuing organ, and
 * numbering with it would take numbers of that unit's series. Carries what the user needs to choose the right code.
 */
public final class NumberCodeNotOwn extends RuntimeException {

    private final String code;
    private final String owner;

    NumberCodeNotOwn(InstrumentType type, String issuingUnit, String code, String owner) {
        super(message(type, issuingUnit, code, owner));
        this.code = code;
        this.owner = owner;
    }

    private static String message(InstrumentType type, String issuingUnit, String code, String owner) {
        String own = type.numberCode(issuingUnit).map(c -> "；" + issuingUnit + "的" + type.name() + "代字是「" + c
                + "」，不填发文字号即自动使用").orElse("；" + issuingUnit + "没有" + type.name() + "的发文机关代字（"
                + type.numberCodes().entrySet().stream().map(Map.Entry::getKey).collect(Collectors.joining("、"))
                + "有），不能以本单位名义编号发出此类文书");
        return "发文机关代字「" + code + "」属于" + owner + "，" + issuingUnit + "不能使用（发文字号的代字代表发文机关）" + own;
    }

    /** The code that was refused, e.g. {@code 荆检行督}. */
    public String code() {
        return code;
    }

    /** The full name of the unit the code belongs to. */
    public String owner() {
        return owner;
    }
}
