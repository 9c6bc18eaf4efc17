package org.wenshu.archive;

/** The acting unit is not a 主送 unit of the instrument, so it may not respond to it. */
public final class NotAddressee extends ArchiveRefusal {

    public NotAddressee(String numberText, String unitName, String addressees) {
        super("文书 " + numberText + " 的主送单位是 " + addressees + "，" + unitName + " 无权对其回复");
    }
}
