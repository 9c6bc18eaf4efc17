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
                err.println("wenshu: " + locked.getMessage() + "。此命令需要写检索索引：请在 wenshu serve 停止后运行 "
                        + "(this command writes the search index: run it while the server is stopped)");
                return FAILURE;
            }
        }
        err.println("wenshu: 失败 (failed): " + describe(failure));
        return FAILURE;
    }

    /**
     * A failure in words for the user: the archive's own failures say what happened; a database failure is named by
     * its kind, never with the statement or the driver's text (which show SQL, constraint and table names).
     */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.wenshu.archive.NumberTaken taken) {
                return taken.getMessage();
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.dao.DataAccessException data) {
                return org.wenshu.batch.FailureReason.ofDatabase(data);
            }
        }
        if (failure.getClass().getName().startsWith("org.wenshu.") && failure.getMessage() != null
                && !failure.getMessage().isBlank()) {
            return failure.getMessage(); // wenshu's failures are worded for the user
        }
        return failure.toString();
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
