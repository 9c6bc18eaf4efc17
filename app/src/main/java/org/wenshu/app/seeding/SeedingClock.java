package org.wenshu.app.seeding;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The clock of a seeding thread: each thread sets the instant its next archive call happens at (a record issued in
 * 2022 is issued, delivered, answered and closed at 2022's instants), so several threads write records of different
 * days at once. A thread that set nothing reads the system clock.
 */
final class SeedingClock extends Clock {

    private final ZoneId zone;
    private final ThreadLocal<Instant> now;

    SeedingClock(ZoneId zone) {
        this(zone, new ThreadLocal<>());
    }

    private SeedingClock(ZoneId zone, ThreadLocal<Instant> now) {
        this.zone = zone;
        this.now = now;
    }

    /** Sets this thread's instant until the next call. */
    void set(Instant instant) {
        now.set(instant);
    }

    void clear() {
        now.remove();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new SeedingClock(other, now);
    }

    @Override
    public Instant instant() {
        Instant set = now.get();
        return set != null ? set : Instant.now();
    }
}
