package org.wenshu.app.bulk;

import java.util.List;
import java.util.Optional;

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
 * @param earlier    the last execution of this same upload (its job instance), if it was confirmed before
 */
public record BulkPreview(StoredUpload upload, InstrumentType type, ListValidation validation, List<RowProblem> blocking,
                          long skipLimit, Optional<EarlierRun> earlier) {

    public BulkPreview {
        blocking = List.copyOf(blocking);
    }

    /**
     * The last execution of the same upload, confirmed before (by a web upload, the API or the command line).
     *
     * @param id          its execution id
     * @param visible     whether the user may see it (else neither its id nor its page is told)
     * @param resumable   whether confirming again resumes it (failed or stopped): otherwise it runs or has ended, and
     *                    confirming again issues nothing new but leads to it
     * @param statusLabel its state in Chinese, e.g. 已完成
     * @param elsewhere   who issued the list, told when the user may not see it
     */
    public record EarlierRun(long id, boolean visible, boolean resumable, String statusLabel, String elsewhere) {
    }

    /**
     * The earlier execution the page links to instead of a confirmation: one that confirming would not resume, or one
     * with no row left to issue (its own page then tells what it did, and resumes it if it was interrupted).
     */
    public Optional<EarlierRun> shownInstead() {
        return earlier.filter(run -> run.visible() && (!run.resumable() || validation.valid() == 0));
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

    /**
     * Whether confirming starts (or resumes) the job: no blocking row, not too many bad rows, at least one valid row
     * not issued yet, and no execution of the same upload that runs or has ended (confirming would only find it).
     */
    public boolean startable() {
        return blocking.isEmpty() && !validation.stoppedEarly() && validation.valid() > 0
                && earlier.map(EarlierRun::resumable).orElse(true);
    }

    /** Why confirming would not start the job, in Chinese; empty when it would. */
    public String obstacle() {
        if (!blocking.isEmpty()) {
            return "有 " + blockingRows() + " 行不能以其发文机关的名义发出（见下表标为“阻止发文”的行），整份名单不能发文："
                    + "请修改名单或基础数据后重新上传";
        }
        if (earlier.isPresent() && !earlier.get().resumable()) {
            EarlierRun run = earlier.get();
            if (!run.visible()) {
                return run.elsewhere();
            }
            return "这份名单和基础数据已由批量发文 #" + run.id() + " 发文（" + run.statusLabel() + "）"
                    + (validation.alreadyIssued().isEmpty() ? "" : "，" + validation.alreadyIssued().size() + " 行已发出")
                    + "：再次确认不会重复发文，请查看该次批量发文";
        }
        if (validation.stoppedEarly()) {
            return "错误的行超过跳过上限 " + skipLimit + "，已停止检查：请修改名单后重新上传";
        }
        if (validation.valid() == 0 && earlier.filter(EarlierRun::visible).isPresent()) {
            return "没有需要发文的行：" + validation.alreadyIssued().size() + " 行已由这份名单的批量发文 #" + earlier.get().id()
                    + " 发出，不会重复发文，请查看该次批量发文";
        }
        if (validation.valid() == 0) {
            return validation.alreadyIssued().isEmpty() ? "没有可以发文的行"
                    : "没有需要发文的行：其余的行都已发过文（见下表），不会重复发文";
        }
        return "";
    }
}
