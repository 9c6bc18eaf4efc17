package org.wenshu.archive.meetings;

import org.wenshu.archive.ArchiveRefusal;

/**
 * A unit that has replied replies again without saying that it corrects its reply: each invited unit replies once,
 * and only an explicit correction (更正回执) replaces that reply.
 */
public final class ReplyExists extends ArchiveRefusal {

    public ReplyExists(String unitName, String noticeNumber) {
        super(unitName + " 已对会议通知 " + noticeNumber + " 提交过参会回执；如需修改，请以“更正回执”提交（会议日期前可更正）");
    }
}
