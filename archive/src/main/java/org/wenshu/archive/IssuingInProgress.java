package org.wenshu.archive;

/** Another issuing with the same idempotency key holds a reserved number and has not finished yet. */
public final class IssuingInProgress extends RuntimeException {

    public IssuingInProgress(String numberText) {
        super("同一幂等键的发文正在进行（编号 " + numberText + " 已预留）；请稍后重试");
    }
}
