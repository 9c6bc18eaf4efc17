package org.wenshu.app.seeding;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenshu.archive.RecordStatus;

/** What {@link SyntheticArchive} draws for each record of a seed, for tests outside its package. */
public final class SyntheticArchiveProbe {

    /** The parts of a planned record a test compares with the archive. */
    public record Expected(String typeId, String title, Instant issuedAt, List<String> recipients, int responses,
                           RecordStatus status) {
    }

    private SyntheticArchiveProbe() {
    }

    /** Records 0 to {@code count - 1} of {@code seed} as planned, by index. */
    public static Map<Integer, Expected> expected(long seed, LocalDate today, ZoneId zone, int count) {
        Map<Integer, Expected> expected = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            SyntheticArchive.Plan plan = SyntheticArchive.plan(seed, today, zone, i);
            List<String> recipients = recipients(plan);
            expected.put(i, new Expected(plan.typeId(), (String) plan.fields().get("title"), plan.issuedAt(),
                    recipients, plan.answers().size(), SyntheticArchive.expectedStatus(plan, recipients.size())));
        }
        return expected;
    }

    @SuppressWarnings("unchecked")
    static List<String> recipients(SyntheticArchive.Plan plan) {
        return plan.fields().containsKey("recipients") ? (List<String>) plan.fields().get("recipients")
                : List.of((String) plan.fields().get("recipient"));
    }
}
