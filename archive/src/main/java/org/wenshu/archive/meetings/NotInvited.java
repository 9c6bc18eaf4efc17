package org.wenshu.archive.meetings;

import org.wenshu.archive.ArchiveRefusal;

/** The unit is neither a 主送 nor a 抄送 unit of the meeting notice, so it may not reply to it. */
public final class NotInvited extends ArchiveRefusal {

    public NotInvited(String noticeNumber, String unitName) {
        super(unitName + " 不是会议通知 " + noticeNumber + " 的主送或抄送单位，不能提交参会回执");
    }
}
