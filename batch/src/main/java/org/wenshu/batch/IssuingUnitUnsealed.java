package org.wenshu.batch;

import org.wenshu.archive.IssueRequest;

/**
 * The issuing unit (发文机关) of an otherwise valid request has no seal: nothing can be issued in its name, and no
 * number was reserved. The message is for any user and names no configuration.
 */
public final class IssuingUnitUnsealed extends RuntimeException {

    private final transient IssueRequest request;

    /** @param request the request that would be issued if its issuing unit had a seal */
    public IssuingUnitUnsealed(IssueRequest request) {
        super("发文机关 " + request.issuingUnit() + " 没有电子印章，不能发文");
        this.request = request;
    }

    /** The request that would be issued if its issuing unit had a seal (every field valid, units resolved). */
    public IssueRequest request() {
        return request;
    }

    /** The issuing unit's full name. */
    public String unit() {
        return request.issuingUnit();
    }
}
