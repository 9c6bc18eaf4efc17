package org.wenshu.batch.bulk;

/**
 * A CSV recipient list is not UTF-8 and no encoding was named for it. Its message ends with how to name the encoding
 * on the command line; a page or the API words that hint for itself from {@link #reason()} and {@link #looksGb18030()}.
 */
public final class ListNotUtf8 extends ListRefused {

    /** The hint of the command line, where the job reads its parameters as {@code key=value}. */
    static final String COMMAND_HINT = "，或在命令中加上 encoding=GB18030 按 GB18030 精确解码";

    private final String reason;
    private final boolean looksGb18030;

    ListNotUtf8(String reason, boolean looksGb18030) {
        super(reason + (looksGb18030 ? COMMAND_HINT : ""));
        this.reason = reason;
        this.looksGb18030 = looksGb18030;
    }

    /** What is wrong and how to convert the file, without any hint to name the encoding. */
    public String reason() {
        return reason;
    }

    /** True when the bytes decode strictly as GB18030 (Excel's plain "CSV" on Chinese Windows): naming it helps. */
    public boolean looksGb18030() {
        return looksGb18030;
    }
}
