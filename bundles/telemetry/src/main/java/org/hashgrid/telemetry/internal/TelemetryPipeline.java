package org.hashgrid.telemetry.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.HealthCheck;
import org.hashgrid.core.HealthContributor;
import org.hashgrid.core.Workers;
import org.hashgrid.hosting.MinerDrivers;
import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.hosting.PollTarget;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry pipeline: {@link TelemetryPoller} → {@link ReadingBuffer} → {@link TelemetryIngest}
 * ({@link TelemetryStore}) → {@link MinerStatusTracker} and {@link AlertEvaluator} (on a thread of
 * its own). Configuration changes apply live (the
 * interval and limits at the next cycle, the buffer's capacity at once). Deactivation (bundle
 * stop, update, a neighbour going away) stops polling, lets the reads in flight land, and writes
 * what the buffer holds before it returns.
 */
@Component(service = { TelemetryPipeline.class, HealthContributor.class }, immediate = true,
        configurationPid = TelemetryConfig.PID)
@Designate(ocd = TelemetryConfig.class)
public class TelemetryPipeline implements HealthContributor {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPipeline.class);
    /** How long deactivation waits for reads in flight and for the last writes. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final TelemetryMetrics metrics = new TelemetryMetrics();
    private final LatestStates latest = new LatestStates();
    private final ReadingBuffer buffer;
    private final TelemetryPoller poller;
    private final TelemetryIngest ingest;
    private final ExecutorService background;
    private final ExecutorService alertWorker;
    private final AlertEvaluator alerts;
    private final Rollups rollups;
    private final ScheduledExecutorService rollupTimer;
    private volatile TelemetrySettings settings;

    @Activate
    public TelemetryPipeline(TelemetryConfig config, @Reference MinerInventory inventory,
            @Reference MinerDrivers drivers,
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=*))") DataSource dataSource,
            @Reference AlertService alertRules) {
        settings = ConfigCheck.apply(TelemetryConfig.PID, TelemetryConfig.class, config, null, TelemetrySettings::read,
                LOG::warn);
        buffer = new ReadingBuffer(settings.bufferCapacity());
        background = Workers.pool("hashgrid-telemetry-background", 2);
        Clock clock = Clock.systemUTC();
        MinerStatusTracker status = new MinerStatusTracker(inventory, () -> settings.offlineAfterFailures(), metrics,
                background);
        TelemetryStore store = new TelemetryStore(dataSource);
        alertWorker = Workers.singleThread("hashgrid-telemetry-alerts");
        alerts = new AlertEvaluator(alertRules, dataSource, inventory, () -> settings.offlineAfterFailures(), clock);
        ingest = new TelemetryIngest(buffer, store, latest, status,
                (stored, outcomes) -> alerts.offer(alertWorker, stored, outcomes), metrics, () -> settings.batchSize(),
                clock);
        poller = new TelemetryPoller(inventory, drivers, buffer, metrics, () -> settings, background, clock,
                targets -> retainLatest(store, targets));
        background.execute(() -> loadLatest(store));
        rollups = new Rollups(dataSource);
        rollupTimer = Workers.singleThread("hashgrid-telemetry-rollups");
        rollupTimer.schedule(this::rollUp, 30, TimeUnit.SECONDS);
        ingest.start();
        poller.start();
    }

    /** Catches the rollups up, then schedules the next run (the interval may have changed). */
    private void rollUp() {
        try {
            long started = System.nanoTime();
            int rows = rollups.catchUp(Instant.now(), settings.interval());
            metrics.lastRollupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.debug("Rolled up {} miner-hours in {} ms", rows, metrics.lastRollupMillis);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Rollup failed ({}); retried at the next run", e.getMessage());
        } finally {
            try {
                rollupTimer.schedule(this::rollUp, settings.rollupInterval().toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // deactivated meanwhile
            }
        }
    }

    /** The counts of failures in a row go on from where the last run left them. */
    private void loadLatest(TelemetryStore store) {
        try {
            latest.load(store.loadLatest());
        } catch (SQLException e) {
            LOG.info("Cannot read the latest states ({}); failures in a row count from zero", e.getMessage());
        }
    }

    /** The latest state follows the list of polled miners: the rows of others go. */
    private void retainLatest(TelemetryStore store, List<PollTarget> targets) {
        latest.retain(targets.stream().map(PollTarget::minerId).collect(Collectors.toSet()));
        try {
            int gone = store.retainLatest(targets.stream().mapToLong(PollTarget::minerId).toArray());
            if (gone > 0) {
                LOG.info("Latest state of {} miners no longer polled removed", gone);
            }
        } catch (SQLException e) {
            LOG.debug("Cannot prune the latest state now; next listing", e);
        }
    }

    @Modified
    void modified(TelemetryConfig config) {
        settings = ConfigCheck.apply(TelemetryConfig.PID, TelemetryConfig.class, config, settings,
                TelemetrySettings::read, LOG::warn);
        buffer.resize(settings.bufferCapacity());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        rollupTimer.shutdownNow();
        poller.stop(settings.readTimeout().plusSeconds(2));
        int left = ingest.stop(STOP_GRACE);
        background.shutdown();
        // what is not evaluated now is judged again by the next readings after the restart
        alertWorker.shutdown();
        alertWorker.awaitTermination(5, TimeUnit.SECONDS);
        TelemetryMetrics.Snapshot m = metrics();
        if (left > 0) {
            LOG.error("Telemetry stopped with {} readings the database did not take in {} s; they are lost", left,
                    STOP_GRACE.toSeconds());
        }
        LOG.info("Telemetry stopped: {} reads answered, {} readings written, {} left unwritten", m.polled(),
                m.written(), left);
    }

    public TelemetryMetrics.Snapshot metrics() {
        return metrics.snapshot(buffer);
    }

    /** Alerts raised and cleared by this node, and batches not evaluated (too many waiting). */
    public record AlertCounts(long raised, long cleared, long skipped) {
    }

    public AlertCounts alertCounts() {
        return new AlertCounts(alerts.raised.sum(), alerts.cleared.sum(), alerts.skipped.sum());
    }

    public TelemetrySettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "telemetry";
    }

    /** Down while writes fail (readings pile up in the buffer); the counters either way. */
    @Override
    public HealthCheck check() {
        TelemetryMetrics.Snapshot m = metrics();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("polled", m.polled());
        details.put("failed", m.failed());
        details.put("buffered", m.buffered());
        details.put("written", m.written());
        details.put("dropped", m.dropped());
        details.put("last_cycle_ms", m.lastCycleMillis());
        if (m.writeError() != null) {
            return new HealthCheck(false, Map.copyOf(Map.of("reason", "writes fail: " + m.writeError(), "buffered",
                    m.buffered(), "dropped", m.dropped())));
        }
        return HealthCheck.up(details);
    }
}
