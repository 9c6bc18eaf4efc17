package org.wenshu.archive;

import java.util.List;

/** Result of walking the audit chain: the events checked and every break found (changed, deleted, truncated). */
public record AuditReport(long eventsChecked, List<String> problems) {

    public boolean intact() {
        return problems.isEmpty();
    }
}
