package org.wenshu.app.bulk;

/** The same upload already has an execution that this user may not see, or the job cannot start now (HTTP 409). */
public final class ExecutionConflict extends RuntimeException {

    public ExecutionConflict(String message) {
        super(message);
    }
}
