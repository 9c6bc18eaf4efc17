package org.wenshu.archive;

/** No record with that id or document number. */
public final class RecordNotFound extends ArchiveRefusal {

    public RecordNotFound(String reference) {
        super("没有找到文书记录「" + reference + "」");
    }
}
