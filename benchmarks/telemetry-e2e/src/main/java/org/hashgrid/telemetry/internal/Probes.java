package org.hashgrid.telemetry.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/** The clocks the benchmark reads: CPU time of this JVM, its threads, the simulator and PostgreSQL, and the lag. */
final class Probes {
    /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
    private static final long TICKS_PER_SECOND = 100;

    private Probes() {
    }

    /** CPU time of this JVM (every thread, GC and JIT included), in ns. */
    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long processCpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * CPU time of every {@code postgres} process on this machine (backends, WAL writer,
     * checkpointer, autovacuum), read from /proc, in ns; -1 when /proc cannot be read. Processes
     * that end between two readings (autovacuum workers) take their time with them.
     */
    static long postgresCpuNanos() {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) processes::iterator) {
                if (!dir.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    // after "pid (comm)": state is field 3, utime and stime are fields 14 and 15
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** CPU time of each live thread of this JVM by name, numbers at the end of names merged ("writer-0", "writer-1"). */
    static Map<String, Long> threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long cpu = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                byGroup.merge(info.getThreadName().replaceAll("-?\\d+$", ""), cpu, Long::sum);
            }
        }
        return byGroup;
    }

    /** Milliseconds from a read's attempt to the commit of its row, 1 ms buckets. */
    static final class Lag {
        private final AtomicLongArray buckets = new AtomicLongArray(300_001);
        private final AtomicLong max = new AtomicLong();

        void committed(List<LatestStates.Polled> batch, long nowMillis) {
            for (LatestStates.Polled p : batch) {
                if (p.stored() != null) {
                    long ms = Math.max(0, nowMillis - p.poll().attemptedAt().toEpochMilli());
                    buckets.incrementAndGet((int) Math.min(ms, buckets.length() - 1));
                    max.accumulateAndGet(ms, Math::max);
                }
            }
        }

        long count() {
            long n = 0;
            for (int i = 0; i < buckets.length(); i++) {
                n += buckets.get(i);
            }
            return n;
        }

        long percentile(double p) {
            long rank = (long) Math.ceil(count() * p / 100);
            long seen = 0;
            for (int i = 0; i < buckets.length(); i++) {
                seen += buckets.get(i);
                if (seen >= rank && seen > 0) {
                    return i;
                }
            }
            return 0;
        }

        long max() {
            return max.get();
        }
    }
}
