package org.wenshu.app.cli;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What one phase of a benchmark cost the whole process: wall-clock and CPU seconds, the CPU seconds of the JIT's
 * compiler threads and of the garbage collector's threads over the phase, and the machine's one-minute load average at
 * its end (other work on the cores slows the wall clock, not the CPU seconds).
 *
 * @param items      items done in the phase
 * @param seconds    wall-clock seconds
 * @param cpuSeconds CPU seconds of the whole process (all threads)
 * @param jitSeconds CPU seconds of the JIT compiler threads (Linux {@code /proc}; elsewhere the JVM's approximate
 *                   accumulated compile time, wall clock)
 * @param gcSeconds  CPU seconds of the garbage collector's threads (Linux {@code /proc}; elsewhere the collectors'
 *                   accumulated time, wall clock)
 * @param load       the one-minute load average at the end, or -1 where the system does not tell
 */
record BenchPhase(long items, double seconds, double cpuSeconds, double jitSeconds, double gcSeconds, double load) {

    /** This phase and {@code later} as one: their sums, and the load at the end of {@code later}. */
    BenchPhase plus(BenchPhase later) {
        return new BenchPhase(items + later.items, seconds + later.seconds, cpuSeconds + later.cpuSeconds,
                jitSeconds + later.jitSeconds, gcSeconds + later.gcSeconds, later.load);
    }

    /** Items per wall-clock second. */
    double perSecond() {
        return items / seconds;
    }

    /** Items per CPU-second of the process; 0 where the JVM cannot measure CPU time. */
    double perCpuSecond() {
        return cpuSeconds > 0 ? items / cpuSeconds : 0;
    }

    /** Items per CPU-second of the process outside the JIT's compiler threads; 0 where not measurable. */
    double perWorkCpuSecond() {
        return cpuSeconds - jitSeconds > 0 ? items / (cpuSeconds - jitSeconds) : 0;
    }

    /** A running measurement, started when created. */
    static final class Clock {

        private final long start = System.nanoTime();
        private final long cpu = cpuNanos();
        private final long jit = jitMillis();
        private final long gc = gcMillis();

        /** The phase from this clock's start until now, having done {@code items}. */
        BenchPhase stop(long items) {
            return new BenchPhase(items, (System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9,
                    (jitMillis() - jit) / 1e3, (gcMillis() - gc) / 1e3,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** CPU time of this process (all its threads), in nanoseconds; 0 where not measurable. */
    static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux's USER_HZ, the unit of the times in {@code /proc/…/stat}: 100 on every architecture the JDK runs on. */
    private static final int TICKS_PER_SECOND = 100;

    private static long jitMillis() {
        if (Files.isDirectory(TASKS)) {
            return threadCpuMillis("C1 CompilerThre", "C2 CompilerThre");
        }
        var compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }

    private static long gcMillis() {
        if (Files.isDirectory(TASKS)) {
            // G1's (and the other collectors') workers, concurrent markers and refinement threads.
            return threadCpuMillis("GC Thread", "G1 ");
        }
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    /**
     * CPU milliseconds (user + system) of this process's native threads whose name (Linux keeps 15 characters)
     * starts with one of {@code prefixes}. The JVM's own threads are invisible to {@code ThreadMXBean}. A thread that
     * ended takes its time along; with two cores the JVM keeps one C1 and one C2 compiler thread for good.
     */
    private static long threadCpuMillis(String... prefixes) {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                if (Stream.of(prefixes).anyMatch(name::startsWith)) {
                    // After the name: state, ppid, pgrp, session, tty_nr, tpgid, flags, minflt, cminflt, majflt,
                    // cmajflt, utime, stime (fields 3 to 15 of proc(5)).
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }
}
