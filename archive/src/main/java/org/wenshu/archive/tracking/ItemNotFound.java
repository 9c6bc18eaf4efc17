package org.wenshu.archive.tracking;

import org.wenshu.archive.ArchiveRefusal;

/** No tracked item, list or progress report with that id (or none the caller may see). */
public final class ItemNotFound extends ArchiveRefusal {

    public ItemNotFound(String what, String id) {
        super("没有找到" + what + "「" + id + "」");
    }
}
