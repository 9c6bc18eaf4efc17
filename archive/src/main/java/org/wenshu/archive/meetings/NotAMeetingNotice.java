package org.wenshu.archive.meetings;

import org.wenshu.archive.ArchiveRefusal;

/** The record is not a 联席会议通知, so it takes no attendance replies and no minutes. */
public final class NotAMeetingNotice extends ArchiveRefusal {

    public NotAMeetingNotice(String numberText, String typeName) {
        super("文书 " + numberText + " 是" + typeName + "，不是联席会议通知，没有参会回执和会议纪要");
    }
}
