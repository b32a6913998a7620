package org.hashgrid.telemetry.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.hosting.MinerDrivers;
import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.hosting.PollTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every pollable miner once per interval. The miners of a cycle are dispatched in a
 * fresh random order, evenly over the first {@value #SPREAD_PERCENT} % of the interval, so no
 * site is hit in one burst and the load is flat; at most {@code max.in.flight} reads are
 * outstanding (drivers never block, so one thread dispatches them all). Results go to the
 * buffer. The list of miners is refreshed in the background for the next cycle (and handed to
 * {@code listed}): a slow or absent database never holds up a cycle, which polls the last list it has.
 */
final class TelemetryPoller {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPoller.class);
    static final int SPREAD_PERCENT = 80;

    private final MinerInventory inventory;
    private final MinerDrivers drivers;
    private final ReadingBuffer buffer;
    private final TelemetryMetrics metrics;
    private final Supplier<TelemetrySettings> settings;
    private final ExecutorService refresher;
    private final Clock clock;
    private final Consumer<List<PollTarget>> listed;
    private final Thread dispatcher;
    private volatile boolean running = true;
    private volatile List<PollTarget> targets;
    private volatile CompletableFuture<List<PollTarget>> refreshing;
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile Semaphore permits;
    private volatile int permitCount;

    TelemetryPoller(MinerInventory inventory, MinerDrivers drivers, ReadingBuffer buffer, TelemetryMetrics metrics,
            Supplier<TelemetrySettings> settings, ExecutorService refresher, Clock clock,
            Consumer<List<PollTarget>> listed) {
        this.inventory = inventory;
        this.drivers = drivers;
        this.buffer = buffer;
        this.metrics = metrics;
        this.settings = settings;
        this.refresher = refresher;
        this.clock = clock;
        this.listed = listed;
        this.dispatcher = new Thread(this::run, "hashgrid-telemetry-poller");
        this.dispatcher.setDaemon(true);
    }

    void start() {
        dispatcher.start();
    }

    /** Stops dispatching and waits up to {@code grace} for the reads in flight to land in the buffer. */
    void stop(Duration grace) throws InterruptedException {
        running = false;
        dispatcher.interrupt();
        dispatcher.join(grace.toMillis());
        long deadline = System.nanoTime() + grace.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void run() {
        while (running) {
            TelemetrySettings now = settings.get();
            long cycleStart = System.nanoTime();
            long intervalNanos = now.interval().toNanos();
            try {
                if (now.enabled()) {
                    cycle(now, cycleStart);
                }
                sleepUntil(cycleStart + intervalNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Telemetry cycle failed; the next one starts on time", e);
                try {
                    sleepUntil(cycleStart + intervalNanos);
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    private void cycle(TelemetrySettings now, long cycleStart) throws InterruptedException {
        List<PollTarget> list = currentTargets();
        refreshTargets();
        if (list == null) {
            return; // the first list is still being read
        }
        Semaphore semaphore = permits(now.maxInFlight());
        List<PollTarget> order = new ArrayList<>(list);
        Collections.shuffle(order, ThreadLocalRandom.current());
        long spread = now.interval().toNanos() * SPREAD_PERCENT / 100;
        long deadline = cycleStart + now.interval().toNanos();
        AtomicInteger remaining = new AtomicInteger(order.size());
        metrics.lastCycleTargets = order.size();
        if (order.isEmpty()) {
            finishCycle(cycleStart);
            return;
        }
        for (int i = 0; i < order.size() && running; i++) {
            sleepUntil(cycleStart + spread * i / order.size());
            if (!semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                metrics.cyclesOverrun.increment();
                LOG.warn(
                        "Telemetry cycle overran its interval: {} reads still in flight; {} miners not read this cycle",
                        now.maxInFlight(), order.size() - i);
                return;
            }
            read(order.get(i), now, semaphore, remaining, cycleStart);
        }
    }

    private void read(PollTarget target, TelemetrySettings now, Semaphore semaphore, AtomicInteger remaining,
            long cycleStart) {
        Optional<MinerDriver> driver = drivers.driver(target.driver());
        java.time.Instant attemptedAt = clock.instant();
        if (driver.isEmpty()) {
            metrics.skipped.increment();
            semaphore.release();
            landed(remaining, cycleStart);
            return;
        }
        outstanding.incrementAndGet();
        driver.get().read(target.access(), now.readTimeout()).whenComplete((reading, failure) -> {
            try {
                if (failure == null) {
                    metrics.polled.increment();
                    buffer.add(Reading.success(target, attemptedAt, reading));
                } else {
                    metrics.failed.increment();
                    buffer.add(Reading.failure(target, attemptedAt, target.scrub(describe(failure))));
                }
            } finally {
                outstanding.decrementAndGet();
                semaphore.release();
                landed(remaining, cycleStart);
            }
        });
    }

    private void landed(AtomicInteger remaining, long cycleStart) {
        if (remaining.decrementAndGet() == 0) {
            finishCycle(cycleStart);
        }
    }

    private void finishCycle(long cycleStart) {
        metrics.cycles.increment();
        metrics.lastCycleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cycleStart);
        metrics.lastCycleAt = clock.instant();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof DriverException driver) {
            return driver.kind() + ": " + driver.getMessage();
        }
        return cause.getClass().getSimpleName();
    }

    private List<PollTarget> currentTargets() {
        CompletableFuture<List<PollTarget>> pending = refreshing;
        if (pending != null && pending.isDone() && !pending.isCompletedExceptionally()) {
            targets = pending.join();
        }
        return targets;
    }

    private void refreshTargets() {
        CompletableFuture<List<PollTarget>> pending = refreshing;
        if (pending == null || pending.isDone()) {
            refreshing = CompletableFuture.supplyAsync(() -> {
                List<PollTarget> list = inventory.pollTargets();
                listed.accept(list);
                return list;
            }, refresher).whenComplete((list, e) -> {
                if (e != null) {
                    LOG.warn("Cannot list the miners to poll ({}); polling the last list", e.getMessage());
                }
            });
        }
    }

    private Semaphore permits(int count) {
        if (permits == null || permitCount != count) {
            // a new limit applies from the next cycle; reads in flight release into the old one
            permits = new Semaphore(count);
            permitCount = count;
        }
        return permits;
    }

    private void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while (running && (wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        if (!running) {
            throw new InterruptedException();
        }
    }
}
