package org.hashgrid.telemetry.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer between the buffer and the database: takes what the buffer holds (up to a
 * batch), stores it with {@link TelemetryStore}, then tells {@link MinerStatusTracker} the
 * outcome. When the database refuses, the batch goes back to the front of the buffer and the
 * writer retries with a growing pause (up to {@value #MAX_BACKOFF_MS} ms); the outage is logged
 * once, and once more when it ends.
 */
final class TelemetryIngest {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryIngest.class);
    static final long MAX_BACKOFF_MS = 5_000;

    private final ReadingBuffer buffer;
    private final TelemetryStore store;
    private final MinerStatusTracker status;
    private final TelemetryMetrics metrics;
    private final IntSupplier batchSize;
    private final Clock clock;
    private final Thread writer;
    private volatile boolean running = true;
    private long backoffMs;

    TelemetryIngest(ReadingBuffer buffer, TelemetryStore store, MinerStatusTracker status, TelemetryMetrics metrics,
            IntSupplier batchSize, Clock clock) {
        this.buffer = buffer;
        this.store = store;
        this.status = status;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.clock = clock;
        this.writer = new Thread(this::run, "hashgrid-telemetry-ingest");
        this.writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    /**
     * Stops the writer after its current batch, then writes what the buffer still holds until it
     * is empty or {@code grace} has passed.
     *
     * @return the readings left unwritten (the database refused them for all of {@code grace})
     */
    int stop(Duration grace) throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(grace.toMillis());
        long deadline = System.nanoTime() + grace.toNanos();
        while (buffer.size() > 0 && System.nanoTime() < deadline) {
            if (!writeOnce(0)) {
                Thread.sleep(Math.min(500, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            }
        }
        return buffer.size();
    }

    private void run() {
        while (running) {
            try {
                if (!writeOnce(1_000)) {
                    Thread.sleep(backoffMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Telemetry writer failed; it goes on", e);
            }
        }
    }

    /** Writes one batch; false when the database refused it (the batch is back in the buffer). */
    private boolean writeOnce(long waitMs) throws InterruptedException {
        List<Reading> batch = buffer.take(batchSize.getAsInt(), waitMs, TimeUnit.MILLISECONDS);
        if (batch.isEmpty()) {
            return true;
        }
        List<TelemetryStore.Outcome> outcomes;
        try {
            outcomes = store.write(batch);
        } catch (SQLException | RuntimeException e) {
            buffer.giveBack(batch);
            metrics.writeFailures.increment();
            if (metrics.writeError == null) {
                LOG.warn("Cannot write telemetry ({}); readings wait in the buffer (capacity {}) and are written when "
                        + "the database answers", e.getMessage(), buffer.size());
            }
            metrics.writeError = e.getClass().getSimpleName() + ": " + e.getMessage();
            backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(100, backoffMs * 2));
            return false;
        }
        if (metrics.writeError != null) {
            LOG.info("Telemetry writes resumed; {} readings still buffered", buffer.size());
            metrics.writeError = null;
        }
        backoffMs = 0;
        metrics.written.add(batch.stream().filter(Reading::ok).count());
        metrics.lastWriteAt = clock.instant();
        status.apply(batch, outcomes);
        return true;
    }
}
