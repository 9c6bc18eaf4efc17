package org.wenshu.archive;

/** No unit with that id, name or short name. */
public final class UnitNotFound extends ArchiveRefusal {

    public UnitNotFound(String reference) {
        super("没有找到单位「" + reference + "」（可用单位编号、全称或简称）");
    }
}
