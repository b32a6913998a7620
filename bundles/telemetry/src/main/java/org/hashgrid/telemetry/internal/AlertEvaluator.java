package org.hashgrid.telemetry.internal;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.hosting.MinerModelSpec;
import org.hashgrid.telemetry.ReadingFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the enabled alert rules of each miner's site on every stored batch, and raises and
 * clears alerts through {@link AlertStore}. It remembers per rule and miner since when a condition
 * holds and whether an alert is open; an alert is raised once the condition has held for the
 * rule's {@code for_minutes} (measured on the readings' own times, so a backlog written after an
 * outage is judged as it happened) and cleared at the first reading that shows recovery.
 *
 * <p>Hysteresis: a temperature alert clears at {@value #TEMPERATURE_HYSTERESIS_C} °C below its
 * threshold, a hashrate alert at {@value #HASHRATE_HYSTERESIS_PCT} points above its (at most 100 %);
 * readings in between keep an open alert open and restart a pending wait.
 *
 * <p>Not thread-safe: the pipeline runs it on one thread of its own ({@link #offer}), so the
 * ingest never waits for it. Rules and open alerts are (re)loaded at the first batch, when a rule
 * changed through {@link AlertService} on this node, and every {@link #REFRESH} (changes made on
 * another node; alerts closed elsewhere).
 */
final class AlertEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);
    static final double TEMPERATURE_HYSTERESIS_C = 2;
    static final double HASHRATE_HYSTERESIS_PCT = 5;
    static final Duration REFRESH = Duration.ofSeconds(30);
    /** Batches waiting for evaluation at most; beyond, a batch is skipped (the next ones judge again). */
    static final int MAX_PENDING = 64;

    private final AlertService rules;
    private final AlertStore store;
    private final MinerInventory inventory;
    private final IntSupplier offlineAfter;
    private final Clock clock;
    private final AtomicInteger pending = new AtomicInteger();
    final LongAdder raised = new LongAdder();
    final LongAdder cleared = new LongAdder();
    final LongAdder skipped = new LongAdder();

    private Map<Long, List<AlertRule>> bySite = Map.of();
    private final Map<Key, Track> tracks = new HashMap<>();
    /** Nominal hashrate (TH/s) by model id; 0 when unknown. Reloaded with the rules. */
    private final Map<Long, Double> nominal = new HashMap<>();
    private long loadedVersion = -1;
    private Instant loadedAt = Instant.MIN;
    private boolean failing;

    private record Key(long ruleId, long minerId) {
    }

    /** One rule and miner whose condition holds, or whose alert is open. */
    private static final class Track {
        Instant since;
        Instant lastAt;
        boolean open;

        Track(Instant since) {
            this.since = since;
            this.lastAt = since;
        }
    }

    private enum State {
        /** the condition holds */
        HOLDS,
        /** it does not hold, but has not recovered enough to clear an open alert (hysteresis band) */
        BAND,
        /** recovered: an open alert clears */
        RECOVERED,
        /** this reading says nothing about it (no value, a dropped value, a failed read) */
        UNKNOWN
    }

    private record Verdict(State state, Double value, String details) {
        static final Verdict UNKNOWN = new Verdict(State.UNKNOWN, null, null);
        static final Verdict BAND = new Verdict(State.BAND, null, null);

        static Verdict recovered(String why) {
            return new Verdict(State.RECOVERED, null, why);
        }
    }

    AlertEvaluator(AlertService rules, DataSource dataSource, MinerInventory inventory, IntSupplier offlineAfter,
            Clock clock) {
        this.rules = rules;
        this.store = new AlertStore(dataSource);
        this.inventory = inventory;
        this.offlineAfter = offlineAfter;
        this.clock = clock;
    }

    /** Evaluates a stored batch on {@code worker}; skipped (and counted) when too many wait already. */
    void offer(Executor worker, List<LatestStates.Polled> batch, List<LatestStates.Outcome> outcomes) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            skipped.increment();
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    evaluate(batch, outcomes);
                } catch (RuntimeException e) {
                    LOG.error("Alert evaluation failed; it goes on with the next batch", e);
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopping) {
            pending.decrementAndGet();
        }
    }

    /** Evaluates the polls of a stored batch (with each miner's failed reads in a row after it). */
    void evaluate(List<LatestStates.Polled> batch, List<LatestStates.Outcome> outcomes) {
        refreshIfDue();
        if (bySite.isEmpty()) {
            return;
        }
        Map<Long, Integer> failures = new HashMap<>();
        outcomes.forEach(o -> failures.put(o.minerId(), o.consecutiveFailures()));
        for (LatestStates.Polled polled : batch) {
            List<AlertRule> siteRules = bySite.get(polled.poll().siteId());
            if (siteRules != null) {
                for (AlertRule rule : siteRules) {
                    evaluate(rule, polled, failures.getOrDefault(polled.poll().minerId(), 0));
                }
            }
        }
    }

    private void evaluate(AlertRule rule, LatestStates.Polled polled, int failures) {
        Reading poll = polled.poll();
        Instant at = polled.stored() != null ? polled.stored().recordedAt() : poll.attemptedAt();
        Key key = new Key(rule.id(), poll.minerId());
        Track track = tracks.get(key);
        if (track != null && at.isBefore(track.lastAt)) {
            return; // an older poll from the other writer: this one is judged already
        }
        Verdict verdict = verdict(rule, poll, polled.stored(), failures);
        switch (verdict.state()) {
            case HOLDS -> {
                if (track == null) {
                    track = new Track(at);
                    tracks.put(key, track);
                }
                track.lastAt = at;
                if (!track.open && Duration.between(track.since, at).toMinutes() >= rule.forMinutes()) {
                    raise(rule, poll, verdict, track, at);
                }
            }
            case BAND -> {
                if (track != null && track.open) {
                    track.lastAt = at;
                } else {
                    tracks.remove(key);
                }
            }
            case RECOVERED -> {
                if (track != null && (!track.open || clear(rule, poll.minerId(), verdict.details(), at))) {
                    tracks.remove(key);
                }
            }
            case UNKNOWN -> {
                // neither advances nor resets
            }
        }
    }

    private void raise(AlertRule rule, Reading poll, Verdict verdict, Track track, Instant at) {
        try {
            if (store.raise(rule.id(), poll.minerId(), poll.clientId(), verdict.value(), verdict.details(), at)
                    .isPresent()) {
                raised.increment();
            }
            // raised now, or open already (another evaluator), or the rule went: the next refresh tells
            track.open = true;
            recovered();
        } catch (SQLException e) {
            failed(e);
        }
    }

    /** @return whether the alert is closed now (false: the database refused, the next reading retries) */
    private boolean clear(AlertRule rule, long minerId, String why, Instant at) {
        try {
            if (store.clear(rule.id(), minerId, why, at).isPresent()) {
                cleared.increment();
            }
            recovered();
            return true;
        } catch (SQLException e) {
            failed(e);
            return false;
        }
    }

    private Verdict verdict(AlertRule rule, Reading poll, StoredReading stored, int failures) {
        boolean expectedDown = "maintenance".equals(poll.status()) || "curtailed".equals(poll.status());
        return switch (rule.kind()) {
            case AlertRule.TEMPERATURE_ABOVE -> temperature(rule.threshold().doubleValue(), stored);
            case AlertRule.HASHRATE_BELOW -> expectedDown ? Verdict.recovered("miner is " + poll.status())
                    : hashrate(rule.threshold().doubleValue(), poll.minerModelId(), stored);
            case AlertRule.OFFLINE -> expectedDown ? Verdict.recovered("miner is " + poll.status())
                    : offline(poll, stored, failures);
            case AlertRule.FAN_FAILURE -> expectedDown ? Verdict.recovered("miner is " + poll.status()) : fans(stored);
            default -> Verdict.UNKNOWN;
        };
    }

    /**
     * The hottest sensor against the threshold. A reading in which validation dropped a temperature
     * (a sensor glitch, {@link ReadingFlags#TEMPERATURE_DROPPED}) never raises nor advances the wait
     * (the glitching sensor may be the hot one); its remaining sensors may still show recovery.
     */
    private static Verdict temperature(double threshold, StoredReading stored) {
        if (stored == null || stored.temperature() == null) {
            return Verdict.UNKNOWN;
        }
        double t = stored.temperature();
        boolean glitch = (stored.flags() & ReadingFlags.TEMPERATURE_DROPPED) != 0;
        if (t <= threshold - TEMPERATURE_HYSTERESIS_C) {
            return Verdict.recovered(format("hottest sensor %.1f °C", t));
        }
        if (glitch) {
            return Verdict.UNKNOWN;
        }
        return t > threshold ? new Verdict(State.HOLDS, t, format("hottest sensor %.1f °C above %s °C", t,
                plain(threshold))) : Verdict.BAND;
    }

    /** Measured against the model's nominal hashrate; a dropped value or an unknown nominal says nothing. */
    private Verdict hashrate(double thresholdPct, long modelId, StoredReading stored) {
        if (stored == null || stored.hashrate() == null
                || (stored.flags() & ReadingFlags.HASHRATE_DROPPED) != 0) {
            return Verdict.UNKNOWN;
        }
        double nominalThs = nominal.computeIfAbsent(modelId, this::nominalOf);
        if (nominalThs <= 0) {
            return Verdict.UNKNOWN;
        }
        double pct = stored.hashrate() * 100 / nominalThs;
        if (pct < thresholdPct) {
            return new Verdict(State.HOLDS, stored.hashrate(), format("%.1f TH/s is %.1f %% of the nominal %s TH/s, "
                    + "below %s %%", stored.hashrate(), pct, plain(nominalThs), plain(thresholdPct)));
        }
        return pct >= Math.min(thresholdPct + HASHRATE_HYSTERESIS_PCT, 100)
                ? Verdict.recovered(format("%.1f %% of nominal", pct))
                : Verdict.BAND;
    }

    /** Holds from the failed read that reaches {@code offline.after.failures} in a row; any answer recovers. */
    private Verdict offline(Reading poll, StoredReading stored, int failures) {
        if (stored != null) {
            return Verdict.recovered("answers reads again");
        }
        return failures >= offlineAfter.getAsInt()
                ? new Verdict(State.HOLDS, (double) failures, failures + " reads in a row failed (last: " + poll.error()
                        + ")")
                : Verdict.BAND;
    }

    /**
     * While the miner answers: a fan at 0 RPM, or a fan speed validation dropped as impossible
     * ({@link ReadingFlags#FAN_DROPPED}), holds; every fan turning recovers; no fans reported says nothing.
     */
    private static Verdict fans(StoredReading stored) {
        if (stored == null) {
            return Verdict.UNKNOWN;
        }
        int[] fans = stored.fanSpeeds();
        int stopped = 0;
        int slowest = Integer.MAX_VALUE;
        for (int rpm : fans == null ? new int[0] : fans) {
            stopped += rpm == 0 ? 1 : 0;
            slowest = Math.min(slowest, rpm);
        }
        if (stopped > 0) {
            return new Verdict(State.HOLDS, 0.0, stopped + " of " + fans.length + " fans at 0 RPM");
        }
        if ((stored.flags() & ReadingFlags.FAN_DROPPED) != 0) {
            return new Verdict(State.HOLDS, fans == null ? null : (double) slowest,
                    "a fan reported an impossible speed (above " + ReadingFlags.MAX_FAN_RPM + " RPM)");
        }
        return fans == null ? Verdict.UNKNOWN : Verdict.recovered("every fan turns (slowest " + slowest + " RPM)");
    }

    private double nominalOf(long modelId) {
        if (modelId == 0) {
            return 0;
        }
        return inventory.model(modelId).map(MinerModelSpec::hashrate).map(BigDecimal::doubleValue).orElse(0.0);
    }

    /**
     * Reloads the enabled rules and the open alerts when a rule changed on this node or
     * {@link #REFRESH} has passed; tracks of rules no longer enabled go, open alerts found in the
     * database are taken over (a restart neither duplicates nor forgets them), and open tracks
     * whose alert was closed meanwhile (rule disabled, another node) start again.
     */
    private void refreshIfDue() {
        long version = rules.version();
        Instant now = clock.instant();
        if (version == loadedVersion && now.isBefore(loadedAt.plus(REFRESH))) {
            return;
        }
        loadedAt = now;
        try {
            List<AlertRule> enabled = rules.enabledRules();
            List<AlertStore.Open> open = store.open();
            Map<Long, List<AlertRule>> sites = new HashMap<>();
            Set<Long> ids = new HashSet<>();
            for (AlertRule rule : enabled) {
                sites.computeIfAbsent(rule.siteId(), s -> new ArrayList<>()).add(rule);
                ids.add(rule.id());
            }
            Set<Key> openKeys = new HashSet<>();
            for (AlertStore.Open o : open) {
                if (ids.contains(o.ruleId())) {
                    Key key = new Key(o.ruleId(), o.minerId());
                    openKeys.add(key);
                    tracks.computeIfAbsent(key, k -> new Track(o.raisedAt())).open = true;
                }
            }
            tracks.entrySet().removeIf(e -> !ids.contains(e.getKey().ruleId())
                    || (e.getValue().open && !openKeys.contains(e.getKey())));
            bySite = sites;
            nominal.clear();
            loadedVersion = version;
            recovered();
        } catch (SQLException | RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        if (!failing) {
            LOG.warn("Cannot evaluate alerts now ({}); retried with the next readings", e.getMessage());
            failing = true;
        }
    }

    private void recovered() {
        if (failing) {
            LOG.info("Alert evaluation works again");
            failing = false;
        }
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
