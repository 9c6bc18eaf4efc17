package org.wenshu.app.cli;

import java.io.PrintWriter;
import java.util.List;

import org.wenshu.generator.UncoveredCharacters;
import org.wenshu.search.IndexLocked;
import org.wenshu.templates.FieldsInvalid;
import org.wenshu.templates.UnknownInstrumentType;

/**
 * Maps failures to the CLI's exit codes: 2 for input the user can fix (with the message saying what),
 * 1 for everything else.
 */
public final class ExitCodes {

    /** Where the failure's detail is: {@link #reason} logs every failure it words. */
    private static final String LOG_HINT = "详情见日志（WENSHU_HOME 下的 logs/wenshu-cli.log）";

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    /** Exception types whose message tells the user what to fix in their input. */
    private static final List<Class<? extends Throwable>> BAD_INPUT_TYPES = List.of(
            BadInput.class,
            org.wenshu.app.signing.UnitSealMissing.class,
            org.wenshu.batch.IssuingUnitUnsealed.class,
            UnknownInstrumentType.class,
            org.wenshu.templates.TypeIssuedElsewhere.class,
            org.wenshu.templates.NumberCodeNotOwn.class,
            org.wenshu.batch.overdue.OverdueDateInFuture.class,
            FieldsInvalid.class,
            UncoveredCharacters.class,
            org.wenshu.archive.ArchiveRefusal.class,
            org.wenshu.archive.uploads.FileRefused.class,
            org.wenshu.search.query.QueryInvalid.class);

    /** Not below org.wenshu: the CLI's logging sends that to the terminal too; this goes to the log file only. */
    private static final org.slf4j.Logger FAILURES = org.slf4j.LoggerFactory.getLogger("wenshu.cli.failures");
    private static final java.util.regex.Pattern CHINESE = java.util.regex.Pattern.compile("\\p{IsHan}");
    /** A qualified Java class name in a message: {@code org.example.SomeException}. */
    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("\\b(?:[a-z_][\\w$]*\\.){2,}[A-Z][\\w$]*");

    private ExitCodes() {
    }

    static int report(Exception failure, PrintWriter err) {
        if (failure instanceof org.wenshu.app.signing.UnitSealMissing unsealed) {
            err.println("wenshu: " + unsealed.configurationHint()); // the operator runs the command: name the setting
            return BAD_INPUT;
        }
        if (isBadInput(failure)) {
            err.println("wenshu: " + failure.getMessage());
            return BAD_INPUT;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IndexLocked locked) {
                // Lucene allows one writer per index; the server's follower indexes whatever the archive receives.
                err.println("wenshu: " + locked.getMessage() + "。此命令需要写检索索引：请在 wenshu serve 停止后运行");
                return FAILURE;
            }
        }
        err.println("wenshu: 失败：" + reason(failure));
        return FAILURE;
    }

    /**
     * The failure line's sentence for {@code failure}, which no command turned into a message of its own: the
     * message of the first exception in its cause chain that wenshu raised with a Chinese message (such as
     * {@link org.wenshu.search.IndexMissing}); a number already registered or a database failure in words; otherwise a Chinese sentence pointing to the log. The exception itself,
     * with its class name, library text and stack trace, goes to the log only ({@code logs/wenshu-cli.log} below
     * {@code WENSHU_HOME}).
     */
    static String reason(Throwable failure) {
        FAILURES.error("命令失败", failure);
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.wenshu.archive.NumberTaken taken) {
                return taken.getMessage();
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.springframework.dao.DataAccessException data) {
                // Named by its kind, never with the statement or the driver's text (SQL, constraint and table names).
                return org.wenshu.batch.FailureReason.ofDatabase(data) + "；" + LOG_HINT;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (cause.getClass().getName().startsWith("org.wenshu.") && message != null
                    && CHINESE.matcher(message).find() && !CLASS_NAME.matcher(message).find()) {
                return message;
            }
        }
        return "内部错误，命令未完成；" + LOG_HINT;
    }

    static boolean isBadInput(Throwable failure) {
        return BAD_INPUT_TYPES.stream().anyMatch(type -> type.isInstance(failure));
    }

    /** Input given on the command line that cannot be used as it is; the message says what to fix. */
    public static final class BadInput extends RuntimeException {
        public BadInput(String message) {
            super(message);
        }

        public BadInput(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
