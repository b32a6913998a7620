package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hashgrid.driver.MinerReading;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.Test;

/**
 * The ingest's two writers record batches into one {@link LatestStates} at once, each holding
 * polls of every miner from different moments, in shuffled batches, while a flusher writes to
 * PostgreSQL: every miner ends at its newest poll in memory and in the table (the flush queue
 * never keeps an older state a concurrent writer computed).
 */
class LatestStatesConcurrencyTest extends DatabaseTest {
    private static final int MINERS = 200;
    private static final int POLLS = 40;

    @Test
    void twoWritersAndAFlusherLeaveEveryMinerAtItsNewestPoll() throws Exception {
        LatestStates latest = new LatestStates();
        TelemetryStore store = new TelemetryStore(db.dataSource());
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        // poll i of every miner at start + i s; the last 5 fail
        List<List<LatestStates.Polled>> perWriter = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < POLLS; i++) {
            Instant at = start.plusSeconds(i);
            for (long miner = 1; miner <= MINERS; miner++) {
                Reading poll = i < POLLS - 5
                        ? Reading.success(miner, 1, "active", at, MinerReading.builder(at).hashrateThs(100 + i).build())
                        : Reading.failure(miner, 1, "active", at, "TIMEOUT");
                StoredReading stored = poll.reading() == null ? null : StoredReading.of(miner, 1, at, poll.reading());
                // even polls to one writer, odd to the other, as two writers take alternate batches
                perWriter.get(i % 2).add(new LatestStates.Polled(poll, stored));
            }
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            List<LatestStates.Polled> polls = perWriter.get(w);
            Random random = new Random(w);
            writers.add(pool.submit(() -> {
                go.await();
                // each writer applies its own batches in attempt order, as the ingest does
                for (int from = 0; from < polls.size(); from += MINERS) {
                    List<LatestStates.Polled> batch = new ArrayList<>(polls.subList(from, from + MINERS));
                    Collections.shuffle(batch, random);
                    latest.record(batch);
                }
                return null;
            }));
        }
        Future<?> flusher = pool.submit(() -> {
            go.await();
            while (writers.stream().anyMatch(f -> !f.isDone())) {
                latest.flush(store);
            }
            return null;
        });
        go.countDown();
        for (Future<?> writer : writers) {
            writer.get();
        }
        flusher.get();
        latest.flush(store);
        pool.shutdown();

        Instant newest = start.plusSeconds(POLLS - 1);
        for (long miner = 1; miner <= MINERS; miner++) {
            LatestStates.State state = latest.state(miner);
            assertEquals(newest, state.lastAttempt(), "miner " + miner);
        }
        assertEquals(0, latest.pending());
        assertEquals(MINERS,
                selectLong("SELECT count(*) FROM miner_latest_state WHERE last_attempt_at = '" + newest
                        + "' AND consecutive_failures > 0"));
    }

}
