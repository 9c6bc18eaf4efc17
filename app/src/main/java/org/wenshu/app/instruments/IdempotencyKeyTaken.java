package org.wenshu.app.instruments;

/**
 * The {@code Idempotency-Key} of an issuing request was used before for a record of another unit (HTTP 409): the key
 * identifies that record, so the new request was not carried out.
 */
public final class IdempotencyKeyTaken extends RuntimeException {

    public IdempotencyKeyTaken(String key) {
        super("幂等键「" + key + "」已被其他单位的发文使用，请换一个键");
    }
}
