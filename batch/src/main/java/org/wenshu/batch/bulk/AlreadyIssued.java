package org.wenshu.batch.bulk;

import java.util.Optional;

/**
 * A valid row asking for an instrument that was already issued (已发过文): same type, issuing unit, title and field
 * values as one in the archive, found by {@link BulkIssueInput#issuedAlike}, or issued from this very list by an
 * earlier execution of its job instance ({@link BulkIssueInput#issuedByThisList}). Not an error: the row is not
 * issued a second time, and it is not counted among the rows to issue.
 *
 * @param row       the row number a spreadsheet shows (the header is row 1)
 * @param number    the earlier instrument's document number, e.g. 荆检行建〔2024〕1号; empty when the one who asks may not
 *                  see that instrument (its number is then not told)
 * @param execution the execution (批量发文 #id) of this same list that issued it, when the one who asks may see it
 */
public record AlreadyIssued(int row, Optional<String> number, Optional<Long> execution) {

    /** A row issued before by another list (or one whose execution is not told). */
    public AlreadyIssued(int row, Optional<String> number) {
        this(row, number, Optional.empty());
    }

    /** Why the row will not be issued, in Chinese. */
    public String reason() {
        if (execution.isPresent()) {
            return "已由这份名单的批量发文 #" + execution.get() + " 发出" + number.map(n -> "（" + n + "）").orElse("")
                    + "，不会重复发文";
        }
        return number.map(n -> "与已发出的 " + n + " 完全相同（同一类型、发文机关、标题和字段），不会重复发文")
                .orElse("与一份已发出的文书完全相同（同一类型、发文机关、标题和字段），不会重复发文；该文书不在您的查看范围内，不显示其字号");
    }

    /** {@code 第 2 行：与已发出的 荆检行建〔2024〕1号 完全相同…}. */
    public String describe() {
        return "第 " + row + " 行：" + reason();
    }
}
