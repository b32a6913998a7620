package org.hashgrid.telemetry.internal;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the pipeline since the bundle started. */
public final class TelemetryMetrics {
    final LongAdder polled = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder written = new LongAdder();
    final LongAdder writeFailures = new LongAdder();
    final LongAdder cycles = new LongAdder();
    final LongAdder cyclesOverrun = new LongAdder();
    final LongAdder statusChanges = new LongAdder();
    volatile long lastCycleMillis = -1;
    volatile long lastRollupMillis = -1;
    volatile int lastCycleTargets;
    volatile Instant lastCycleAt;
    volatile Instant lastWriteAt;
    /** Set while writes fail, cleared by the next good one. */
    volatile String writeError;

    /** A copy of the counters, with the buffer's own. */
    public Snapshot snapshot(ReadingBuffer buffer) {
        return new Snapshot(polled.sum(), failed.sum(), skipped.sum(), buffer.size(), written.sum(), buffer.dropped(),
                writeFailures.sum(), cycles.sum(), cyclesOverrun.sum(), statusChanges.sum(), lastCycleMillis,
                lastCycleTargets, lastCycleAt, lastWriteAt, writeError, lastRollupMillis);
    }

    /** The counters at one moment. */
    public record Snapshot(long polled, long failed, long skipped, int buffered, long written, long dropped,
            long writeFailures, long cycles, long cyclesOverrun, long statusChanges, long lastCycleMillis,
            int lastCycleTargets, Instant lastCycleAt, Instant lastWriteAt, String writeError, long lastRollupMillis) {
    }
}
