package org.wenshu.archive.leads;

import org.wenshu.archive.ArchiveRefusal;

/** No lead with that id or register number (or none the caller may see). */
public final class LeadNotFound extends ArchiveRefusal {

    public LeadNotFound(String reference) {
        super("没有找到线索「" + reference + "」");
    }
}
