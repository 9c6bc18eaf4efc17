package org.wenshu.archive;

import java.time.Instant;

/** 办结: the procuratorate's evaluation of the response and its follow-up note. */
public record Closing(Adoption evaluation, String note, Instant closedAt) {
}
