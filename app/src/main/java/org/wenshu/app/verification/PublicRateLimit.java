package org.wenshu.app.verification;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * 公开接口限流: a token bucket per client address and group of public endpoints, kept in memory per node. A bucket
 * holds at most {@code perMinute} requests and refills continuously at {@code perMinute} a minute, so a visitor may
 * verify a burst of files and then one every {@code 60 / perMinute} seconds.
 *
 * <p>Written here rather than taken from Bucket4j, which the project's registry does not serve; Resilience4j's
 * limiter keeps one named instance per key without bound. Memory stays bounded: past {@value #MAX_TRACKED} addresses
 * the full buckets (those of clients not seen for a minute) are dropped.
 */
public final class PublicRateLimit {

    static final int MAX_TRACKED = 100_000;

    private final double capacity;
    private final double tokensPerNano;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perMinute requests a client address may make a minute, and in one burst; at least 1
     */
    public PublicRateLimit(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1: " + perMinute);
        }
        this.capacity = perMinute;
        this.tokensPerNano = perMinute / 60e9;
        this.clock = clock;
    }

    /** Takes one token for {@code address}: 0 when granted, else the seconds to wait until the next one (at least 1). */
    public long acquire(String address) {
        if (buckets.size() > MAX_TRACKED) {
            long now = nanos();
            buckets.values().removeIf(bucket -> bucket.fullAt(now, capacity, tokensPerNano));
        }
        Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(capacity, nanos()));
        synchronized (bucket) {
            long now = nanos();
            bucket.refill(now, capacity, tokensPerNano);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / tokensPerNano / 1e9));
        }
    }

    /** The requests a minute, and the burst, allowed per address. */
    public int perMinute() {
        return (int) capacity;
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static final class Bucket {

        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        void refill(long now, double capacity, double rate) {
            if (now > updated) {
                tokens = Math.min(capacity, tokens + (now - updated) * rate);
                updated = now;
            }
        }

        synchronized boolean fullAt(long now, double capacity, double rate) {
            return tokens + (now - updated) * rate >= capacity;
        }
    }
}
