package org.wenshu.app.bulk;

import java.util.List;

import org.wenshu.batch.bulk.ListValidation;
import org.wenshu.batch.bulk.RowProblem;
import org.wenshu.templates.InstrumentType;

/**
 * The row-by-row check of an upload, shown before anything is issued.
 *
 * @param upload     the kept files the confirmation refers to
 * @param type       the instrument type
 * @param validation rows, the rows to issue, every bad row's problems (row, column, reason) as the job will skip them,
 *                   and the rows already issued (not issued again; not problems)
 * @param blocking   rows whose issuing unit the user may not issue for, or that has no seal: while any exist the
 *                   upload cannot be started (also listed in {@code validation})
 * @param skipLimit  the most bad rows the job skips before it gives up
 */
public record BulkPreview(StoredUpload upload, InstrumentType type, ListValidation validation, List<RowProblem> blocking,
                          long skipLimit) {

    public BulkPreview {
        blocking = List.copyOf(blocking);
    }

    /** How many rows block the upload (a row may have more than one blocking problem). */
    public long blockingRows() {
        return blocking.stream().mapToInt(RowProblem::row).distinct().count();
    }

    /** How many bad rows the job would skip: the bad rows that do not block the upload. */
    public long skippedRows() {
        return validation.badRows() - blockingRows();
    }

    /** Whether {@code problem} stops the whole upload (rather than its row being skipped). */
    public boolean blocks(RowProblem problem) {
        return blocking.contains(problem);
    }

    /** Whether confirming starts the job: no blocking row, not too many bad rows, at least one valid row. */
    public boolean startable() {
        return blocking.isEmpty() && !validation.stoppedEarly() && validation.valid() > 0;
    }

    /** Why confirming would not start the job, in Chinese; empty when it would. */
    public String obstacle() {
        if (!blocking.isEmpty()) {
            return "有 " + blockingRows() + " 行不能以其发文机关的名义发出（见下表标为“阻止发文”的行），整份名单不能发文："
                    + "请修改名单或基础数据后重新上传";
        }
        if (validation.stoppedEarly()) {
            return "错误的行超过跳过上限 " + skipLimit + "，已停止检查：请修改名单后重新上传";
        }
        if (validation.valid() == 0) {
            return validation.alreadyIssued().isEmpty() ? "没有可以发文的行"
                    : "没有需要发文的行：其余的行都已发过文（见下表），不会重复发文";
        }
        return "";
    }
}
