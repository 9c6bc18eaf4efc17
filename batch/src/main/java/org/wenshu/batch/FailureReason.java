package org.wenshu.batch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.springframework.batch.core.job.JobInterruptedException;

/**
 * Why a job failed, in words for its user: the message of the failure's root cause as wenshu raised it (a refused
 * list, a changed file, an unknown unit), never the class name or text of a wrapper around it (a step's
 * {@code BeanCreationException} around a step-scoped bean's refusal, a chunk's exception around a row's).
 */
public final class FailureReason {

    /** The first line of a stack trace: {@code org.example.SomeException: message}. */
    private static final java.util.regex.Pattern THROWN =
            java.util.regex.Pattern.compile("((?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*)(?::\\s*(.*))?");
    private static final java.util.regex.Pattern CAUSED_BY =
            java.util.regex.Pattern.compile("Caused by: ((?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*)(?::\\s*(.*))?");

    private FailureReason() {
    }

    /**
     * The user-facing reason of {@code failure}: the message of the first exception in its cause chain that is not a
     * framework wrapper, when wenshu raised it; otherwise a Chinese sentence naming the exception's type and pointing
     * to the log, which keeps its stack trace (a library's message is neither Chinese nor meant for users).
     */
    public static String of(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getClass().getName().startsWith("org.wenshu.")) {
                break; // wenshu's own failure says more than the database failure it may wrap
            }
            if (t instanceof org.springframework.dao.DataAccessException data) {
                return ofDatabase(data);
            }
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && wrapper(cause)) {
            cause = cause.getCause();
        }
        if (cause instanceof JobInterruptedException || cause instanceof InterruptedException) {
            return "作业被中断：用 wenshu batch restart 执行编号 从上次提交处继续";
        }
        if (cause.getClass().getName().startsWith("org.wenshu.") && cause.getMessage() != null
                && !cause.getMessage().isBlank()) {
            return cause.getMessage();
        }
        return "内部错误（" + cause.getClass().getSimpleName() + "），详情见日志";
    }

    /**
     * A database failure in words for its user, by kind: never the statement or the driver's text, which show SQL,
     * constraint and table names.
     */
    public static String ofDatabase(org.springframework.dao.DataAccessException failure) {
        if (failure instanceof org.springframework.dao.DataIntegrityViolationException) { // DuplicateKeyException too
            return "数据库拒绝了这次写入（与已有的登记重复或冲突），此操作没有完成；请重试，问题持续请联系管理员";
        }
        if (failure instanceof org.springframework.dao.DataAccessResourceFailureException
                || failure instanceof org.springframework.jdbc.CannotGetJdbcConnectionException) {
            return "无法连接数据库，此操作没有完成；请检查数据库是否在运行、数据目录是否被另一进程占用后重试";
        }
        if (failure instanceof org.springframework.dao.PessimisticLockingFailureException
                || failure instanceof org.springframework.dao.QueryTimeoutException) {
            return "数据库繁忙（等待锁或超时），此操作没有完成；请稍后重试";
        }
        return "数据库操作失败，此操作没有完成；请重试，问题持续请联系管理员";
    }

    /**
     * The user-facing reason in a stored exit description: the description itself when {@link FailureReasons} wrote
     * it (its first line); for one Spring Batch wrote as a stack trace (an execution that failed before that
     * listener existed), the message of the last {@code Caused by:} raised by wenshu, or the exception's type.
     */
    public static String ofStored(String description) {
        String first = description.lines().findFirst().orElse("").strip();
        java.util.regex.Matcher thrown = THROWN.matcher(first);
        if (!thrown.matches()) {
            return first;
        }
        String reason = null;
        for (String line : description.lines().toList()) {
            java.util.regex.Matcher cause = CAUSED_BY.matcher(line);
            if (cause.matches() && cause.group(1).startsWith("org.wenshu.") && cause.group(2) != null
                    && !cause.group(2).isBlank()) {
                reason = cause.group(2).strip();
            }
        }
        if (reason == null && thrown.group(1).startsWith("org.wenshu.") && thrown.group(2) != null
                && !thrown.group(2).isBlank()) {
            reason = thrown.group(2).strip();
        }
        if (reason != null) {
            return reason;
        }
        String type = thrown.group(1);
        return "内部错误（" + type.substring(type.lastIndexOf('.') + 1) + "），详情见日志";
    }

    private static boolean wrapper(Throwable failure) {
        return failure.getClass().getName().startsWith("org.springframework.")
                || failure instanceof InvocationTargetException || failure instanceof UndeclaredThrowableException
                || failure instanceof ExecutionException || failure instanceof CompletionException;
    }
}
