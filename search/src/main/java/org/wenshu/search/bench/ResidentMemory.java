package org.wenshu.search.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Memory of this process at one moment (常驻内存): resident set and its peak so far from {@code /proc/self/status}
 * ({@code VmRSS}, {@code VmHWM}, in kB as Linux counts them, 1 kB = 1024 bytes), and the Java heap in use and
 * committed. The JVM seldom gives heap back to the system, so a resident figure includes heap that earlier work
 * grew; native memory (ONNX Runtime's model and arenas) is in the resident set and not in the heap.
 */
public record ResidentMemory(long residentKb, long peakKb, long heapUsedBytes, long heapCommittedBytes) {

    /** The memory now; resident figures are -1 where {@code /proc/self/status} cannot be read (not Linux). */
    public static ResidentMemory now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException | RuntimeException e) {
            status = "";
        }
        return new ResidentMemory(field(status, "VmRSS").orElse(-1L), field(status, "VmHWM").orElse(-1L),
                heap.getUsed(), heap.getCommitted());
    }

    /** The value in kB of a {@code Name:   1234 kB} line of a {@code /proc/PID/status} text, if present. */
    static Optional<Long> field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).strip();
                if (!value.endsWith("kB")) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Long.parseLong(value.substring(0, value.length() - 2).strip()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Resident set in MB (10^6 bytes). */
    public double residentMegabytes() {
        return residentKb * 1024 / 1e6;
    }

    /** Resident set beyond the committed heap in MB (10^6 bytes): native memory, code, metaspace, thread stacks. */
    public double outsideHeapMegabytes() {
        return residentMegabytes() - heapCommittedBytes / 1e6;
    }

    /** Peak resident set so far in MB (10^6 bytes). */
    public double peakMegabytes() {
        return peakKb * 1024 / 1e6;
    }
}
