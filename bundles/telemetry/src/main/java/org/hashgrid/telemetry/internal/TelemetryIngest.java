package org.hashgrid.telemetry.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writers between the buffer and the database: each takes what the buffer holds (up to a
 * batch) and {@code COPY}s it on a connection of its own ({@value #WRITERS} writers: one COPY
 * keeps one PostgreSQL backend busy, two use both cores), then hands the outcome to
 * {@link LatestStates}, {@link MinerStatusTracker} and {@code afterWrite} (the alerts). A flusher writes the changed latest states
 * every {@value #FLUSH_MS} ms. When the database refuses, the batch goes back to the front of the
 * buffer and the writer retries with a growing pause (up to {@value #MAX_BACKOFF_MS} ms); the
 * outage is logged once, and once more when it ends.
 */
final class TelemetryIngest {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryIngest.class);
    static final int WRITERS = 2;
    static final long MAX_BACKOFF_MS = 5_000;
    static final long FLUSH_MS = 2_000;

    private final ReadingBuffer buffer;
    private final TelemetryStore store;
    private final LatestStates latest;
    private final MinerStatusTracker status;
    private final BiConsumer<List<LatestStates.Polled>, List<LatestStates.Outcome>> afterWrite;
    private final TelemetryMetrics metrics;
    private final IntSupplier batchSize;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** {@code afterWrite} gets every stored batch with each miner's failures in a row; it must not block. */
    TelemetryIngest(ReadingBuffer buffer, TelemetryStore store, LatestStates latest, MinerStatusTracker status,
            BiConsumer<List<LatestStates.Polled>, List<LatestStates.Outcome>> afterWrite, TelemetryMetrics metrics,
            IntSupplier batchSize, Clock clock) {
        this.buffer = buffer;
        this.store = store;
        this.latest = latest;
        this.status = status;
        this.afterWrite = afterWrite;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.clock = clock;
        for (int i = 0; i < WRITERS; i++) {
            threads.add(daemon(this::write, "hashgrid-telemetry-writer-" + i));
        }
        threads.add(daemon(this::flushLatest, "hashgrid-telemetry-latest"));
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /**
     * Stops the writers after their current batch, then writes what the buffer still holds and
     * the latest states until done or {@code grace} has passed.
     *
     * @return the readings left unwritten (the database refused them for all of {@code grace})
     */
    int stop(Duration grace) throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(grace.toMillis());
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while ((buffer.size() > 0 || latest.pending() > 0) && System.nanoTime() < deadline) {
            boolean written = writeOnce(0) && flushOnce();
            if (!written) {
                Thread.sleep(Math.min(500, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            }
        }
        return buffer.size();
    }

    private void write() {
        long backoffMs = 0;
        while (running) {
            try {
                if (writeOnce(1_000)) {
                    backoffMs = 0;
                } else {
                    backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(100, backoffMs * 2));
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

    private void flushLatest() {
        while (running) {
            try {
                Thread.sleep(FLUSH_MS);
                flushOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Latest-state flush failed; it goes on", e);
            }
        }
    }

    private boolean flushOnce() {
        try {
            latest.flush(store);
            return true;
        } catch (SQLException e) {
            LOG.debug("Cannot write the latest states now ({} waiting)", latest.pending(), e);
            return false;
        }
    }

    /** Writes one batch; false when the database refused it (the batch is back in the buffer). */
    private boolean writeOnce(long waitMs) throws InterruptedException {
        List<Reading> batch = buffer.take(batchSize.getAsInt(), waitMs, TimeUnit.MILLISECONDS);
        if (batch.isEmpty()) {
            return true;
        }
        List<LatestStates.Polled> stored;
        try {
            stored = store.copy(batch);
        } catch (SQLException | RuntimeException e) {
            buffer.giveBack(batch);
            metrics.writeFailures.increment();
            if (metrics.writeError == null) {
                LOG.warn("Cannot write telemetry ({}); readings wait in the buffer and are written when the "
                        + "database answers", e.getMessage());
            }
            metrics.writeError = e.getClass().getSimpleName() + ": " + e.getMessage();
            return false;
        }
        if (metrics.writeError != null) {
            metrics.writeError = null;
            LOG.info("Telemetry writes resumed; {} readings still buffered", buffer.size());
        }
        metrics.written.add(stored.stream().filter(p -> p.stored() != null).count());
        metrics.lastWriteAt = clock.instant();
        List<LatestStates.Outcome> outcomes = latest.record(stored);
        status.apply(batch, outcomes);
        afterWrite.accept(stored, outcomes);
        return true;
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
