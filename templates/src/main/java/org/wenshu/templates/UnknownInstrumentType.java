package org.wenshu.templates;

import java.util.List;

/** No instrument type (文书类型) has the given id. */
public final class UnknownInstrumentType extends RuntimeException {

    private final String id;

    public UnknownInstrumentType(String id, List<String> known) {
        super("未知的文书类型 “" + id + "”；可用的类型：" + String.join("、", known));
        this.id = id;
    }

    /** The id that was asked for. */
    public String id() {
        return id;
    }
}
