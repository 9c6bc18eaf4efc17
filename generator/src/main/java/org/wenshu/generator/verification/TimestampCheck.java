package org.wenshu.generator.verification;

import java.time.Instant;
import java.util.Optional;

/**
 * A checked RFC 3161 timestamp (时间戳).
 *
 * @param time      the time the TSA attests (genTime)
 * @param authority the TSA certificate's subject
 * @param valid     whether the token is intact, covers what it should and its TSA chains to a trust anchor
 * @param problem   why it is not valid
 */
public record TimestampCheck(Instant time, String authority, boolean valid, Optional<String> problem) {
}
