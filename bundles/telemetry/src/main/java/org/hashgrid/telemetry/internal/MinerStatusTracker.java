package org.hashgrid.telemetry.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;

import org.hashgrid.core.Caller;
import org.hashgrid.hosting.MinerInventory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns read outcomes into miner status through hosting's inventory, as {@code system:telemetry}:
 * an {@code active} miner whose reads failed {@code offline.after.failures} times in a row goes
 * {@code offline}; an {@code offline} miner that answers goes {@code active}. Miners in
 * {@code maintenance} or {@code curtailed} are never touched, and each change is made only if the
 * miner still has the status it was polled with (decided under hosting's row lock). Changes run on
 * a thread of their own so that an outage of many miners never holds up the ingest.
 */
final class MinerStatusTracker {
    private static final Logger LOG = LoggerFactory.getLogger(MinerStatusTracker.class);
    static final Caller TELEMETRY = Caller.system("telemetry");

    private final MinerInventory inventory;
    private final IntSupplier offlineAfter;
    private final TelemetryMetrics metrics;
    private final ExecutorService worker;

    MinerStatusTracker(MinerInventory inventory, IntSupplier offlineAfter, TelemetryMetrics metrics,
            ExecutorService worker) {
        this.inventory = inventory;
        this.offlineAfter = offlineAfter;
        this.metrics = metrics;
        this.worker = worker;
    }

    void apply(List<Reading> batch, List<LatestStates.Outcome> outcomes) {
        Map<Long, Reading> last = new HashMap<>();
        batch.forEach(r -> last.put(r.minerId(), r));
        int threshold = offlineAfter.getAsInt();
        for (LatestStates.Outcome outcome : outcomes) {
            Reading poll = last.get(outcome.minerId());
            if (poll == null) {
                continue;
            }
            if ("active".equals(poll.status()) && outcome.consecutiveFailures() >= threshold) {
                change(poll.minerId(), "active", "offline",
                        outcome.consecutiveFailures() + " reads in a row failed (last: " + poll.error() + ")");
            } else if ("offline".equals(poll.status()) && outcome.consecutiveFailures() == 0) {
                change(poll.minerId(), "offline", "active", "answers reads again");
            }
        }
    }

    private void change(long minerId, String from, String to, String reason) {
        try {
            worker.execute(() -> {
                try {
                    if (to.equals(inventory.changeStatusFrom(TELEMETRY, minerId, from, to, reason).status())) {
                        metrics.statusChanges.increment();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Cannot set miner {} {}: {}", minerId, to, e.getMessage());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the pipeline is stopping: the next poll after the restart decides again
        }
    }
}
