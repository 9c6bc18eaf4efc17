package org.wenshu.app.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import org.wenshu.archive.RecordFigures.AgencyReplies;
import org.wenshu.archive.Unit;

/**
 * The reply figures of one agency (主送 unit); see {@link org.wenshu.archive.RecordFigures} for the terms.
 *
 * @param onTimeRate         按期回复率 in percent, one decimal (half up): on-time replies divided by the replies that
 *                           are decided — answered, or overdue without an answer; empty when none is decided yet
 * @param averageDaysToReply 平均回复用时 in days, one decimal (half up): days from delivery (送达) to the first reply,
 *                           averaged over the answered replies; empty when none is answered
 */
public record AgencyFigures(Unit unit, long owed, long answered, long onTime, long late, long overdue, long pending,
                            Optional<BigDecimal> onTimeRate, long adopted, long partlyAdopted, long notAdopted,
                            Optional<BigDecimal> averageDaysToReply) {

    static AgencyFigures of(AgencyReplies replies) {
        long decided = replies.answered() + replies.overdue();
        Optional<BigDecimal> rate = decided == 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(replies.onTime() * 100L)
                .divide(BigDecimal.valueOf(decided), 1, RoundingMode.HALF_UP));
        Optional<BigDecimal> days = replies.replyDaysCount() == 0 ? Optional.empty()
                : Optional.of(BigDecimal.valueOf(replies.replyDaysTotal())
                .divide(BigDecimal.valueOf(replies.replyDaysCount()), 1, RoundingMode.HALF_UP));
        return new AgencyFigures(replies.unit(), replies.owed(), replies.answered(), replies.onTime(), replies.late(),
                replies.overdue(), replies.pending(), rate, replies.adopted(), replies.partlyAdopted(),
                replies.notAdopted(), days);
    }
}
