package org.wenshu.archive.leads;

import org.wenshu.archive.Unit;

/**
 * One filing unit's leads of a year (线索移送情况), for the dashboard and the yearly inspection (年度检查): each lead
 * counts once, in the step it has reached; the three decision counts include leads whose result was fed back.
 *
 * @param sent        leads the unit filed in the year
 * @param awaiting    not yet acknowledged (待受理)
 * @param undecided   acknowledged, no decision yet (审查中)
 * @param openCase    decided 立案
 * @param noCase      decided 不立案
 * @param transferred decided 移送其他机关
 * @param concluded   of the decided, those whose result was fed back (已反馈结果)
 */
public record LeadTally(Unit unit, long sent, long awaiting, long undecided, long openCase, long noCase,
                        long transferred, long concluded) {

    /** Leads with a decision (立案 + 不立案 + 移送其他机关). */
    public long decided() {
        return openCase + noCase + transferred;
    }
}
