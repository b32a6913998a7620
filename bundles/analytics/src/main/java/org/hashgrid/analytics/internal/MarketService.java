package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.analytics.indicators.IndicatorSettings;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.FieldError;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Workers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores market snapshots (imports and polls) and keeps their indicators: validation of every
 * row at once, idempotence per timestamp, then the snapshots and their indicator rows in one
 * transaction under the market lock. The indicator history is recomputed at activation and when
 * the signal thresholds change, on a thread of its own.
 */
@Component(service = MarketService.class, configurationPid = AnalyticsConfig.PID)
@Designate(ocd = AnalyticsConfig.class)
public class MarketService {
    private static final Logger LOG = LoggerFactory.getLogger(MarketService.class);
    /** Conflicts named one by one in a 409 at most; the detail counts them all. */
    private static final int CONFLICTS_LISTED = 100;

    private final AnalyticsDatabase db;
    private final Clock clock;
    private final IndicatorEngine engine;
    private final ExecutorService recomputer = Workers.pool("hashgrid-analytics-indicators", 1);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Settings settings;

    record Settings(int maxRows, Duration futureSkew, IndicatorSettings indicators) {
        static Settings read(ConfigCheck check, AnalyticsConfig c) {
            int oversold = check.between("rsi.oversold", c::rsi_oversold, 1, 99);
            int overbought = check.between("rsi.overbought", c::rsi_overbought, 1, 99);
            if (oversold >= overbought) {
                throw new IllegalArgumentException("rsi.oversold must be below rsi.overbought");
            }
            IndicatorSettings d = IndicatorSettings.DEFAULTS;
            return new Settings(check.between("import.max.rows", c::import_max_rows, 1, 100_000),
                    Duration.ofSeconds(check.between("future.skew.seconds", c::future_skew_seconds, 0, 3600)),
                    new IndicatorSettings(d.rsiPeriod(), d.emaFast(), d.emaSlow(), d.macdSignal(), d.bollingerPeriod(),
                            d.bollingerWidth(), oversold, overbought));
        }
    }

    @Activate
    public MarketService(@Reference AnalyticsDatabase db, AnalyticsConfig config) {
        this(db, config, Clock.systemUTC());
        recomputer.execute(() -> recompute("activation"));
    }

    MarketService(AnalyticsDatabase db, AnalyticsConfig config, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.settings = ConfigCheck.apply(AnalyticsConfig.PID, AnalyticsConfig.class, config, null, Settings::read,
                LOG::warn);
        this.engine = new IndicatorEngine(settings.indicators());
    }

    @Modified
    void modified(AnalyticsConfig config) {
        settings = ConfigCheck.apply(AnalyticsConfig.PID, AnalyticsConfig.class, config, settings, Settings::read,
                LOG::warn);
        if (engine.settings(settings.indicators())) {
            recomputer.execute(() -> recompute("new signal thresholds"));
        }
    }

    @Deactivate
    void deactivate() {
        recomputer.shutdownNow();
    }

    /** Snapshots one import may hold ({@code import.max.rows}). */
    public int maxImportRows() {
        return settings.maxRows();
    }

    /** The indicator settings in force (signal thresholds from the configuration). */
    public IndicatorSettings indicatorSettings() {
        return settings.indicators();
    }

    /** Called after every committed change of market data (on the writer's thread; must not block). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /**
     * Recomputes the whole indicator history now, in one transaction.
     *
     * @return the indicator rows written
     */
    public int recomputeAll() throws SQLException {
        return inTransaction(c -> engine.recompute(c, MarketStore.lock(c), null));
    }

    private void recompute(String why) {
        long started = System.nanoTime();
        try {
            int rows = recomputeAll();
            LOG.info("Indicators recomputed for {} snapshots ({}) in {} ms", rows, why,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not recompute the indicators ({}): {}; they are recomputed at the next change", why,
                    e.getMessage());
        }
    }

    /**
     * Stores {@code rows}, all or none: 400 with every invalid field of every row (by row) when
     * one is invalid; 409 listing the timestamps already stored with other values unless
     * {@code overwrite}, which replaces them. Rows equal to what is stored are counted as
     * duplicates and change nothing.
     */
    public ImportOutcome record(Caller caller, List<MarketRow> rows, boolean overwrite) {
        Settings s = settings;
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("The import holds no snapshot");
        }
        if (rows.size() > s.maxRows()) {
            throw ProblemException.badRequest("At most " + s.maxRows() + " snapshots per import; this one holds "
                    + rows.size() + ": split it");
        }
        List<MarketSnapshot> batch = validate(rows, s);
        try {
            ImportOutcome outcome = inTransaction(c -> store(c, rows.size(), batch, overwrite));
            if (outcome.inserted() + outcome.overwritten() > 0) {
                LOG.info("Market data from {}: {} new, {} overwritten, {} duplicates", caller.userId(),
                        outcome.inserted(), outcome.overwritten(), outcome.duplicates());
                listeners.forEach(Runnable::run);
            }
            return outcome;
        } catch (SQLException e) {
            throw new IllegalStateException("storing market data failed", e);
        }
    }

    private ImportOutcome store(Connection c, int received, List<MarketSnapshot> batch, boolean overwrite)
            throws SQLException {
        long version = MarketStore.lock(c);
        Instant last = MarketStore.last(c);
        Map<Instant, MarketSnapshot> stored = MarketStore.at(c, batch.stream().map(MarketSnapshot::time).toList());
        List<MarketSnapshot> fresh = new ArrayList<>();
        List<MarketSnapshot> changed = new ArrayList<>();
        int duplicates = received - batch.size();
        for (MarketSnapshot snapshot : batch) {
            MarketSnapshot existing = stored.get(snapshot.time());
            if (existing == null) {
                fresh.add(snapshot);
            } else if (sameValues(existing, snapshot)) {
                duplicates++;
            } else {
                changed.add(snapshot);
            }
        }
        if (!changed.isEmpty() && !overwrite) {
            throw conflict(changed, stored);
        }
        List<PricePoint> inserted = fresh.isEmpty() ? List.of() : MarketStore.insert(c, fresh);
        if (!changed.isEmpty()) {
            MarketStore.overwrite(c, changed);
        }
        Instant from = java.util.stream.Stream.concat(fresh.stream(), changed.stream()).map(MarketSnapshot::time)
                .min(Comparator.naturalOrder()).orElse(null);
        int indicatorRows = 0;
        if (from != null) {
            boolean appendOnly = changed.isEmpty() && engine.follows(version) && (last == null || from.isAfter(last));
            if (appendOnly) {
                engine.append(c, version, inserted);
                indicatorRows = inserted.size();
            } else {
                indicatorRows = engine.recompute(c, version, from);
            }
        }
        return new ImportOutcome(received, fresh.size(), duplicates, changed.size(), from, indicatorRows);
    }

    private static ProblemException conflict(List<MarketSnapshot> changed, Map<Instant, MarketSnapshot> stored) {
        List<FieldError> errors = changed.stream().limit(CONFLICTS_LISTED)
                .map(m -> new FieldError(m.time().toString(), "is stored with other values (btc_price "
                        + stored.get(m.time()).btcPrice().toPlainString() + ")"))
                .toList();
        return new ProblemException(409, "Conflict", changed.size() + " snapshot(s) already stored with other values; "
                + "nothing was stored. Send overwrite=true to replace the stored values",
                "urn:hashgrid:problem:market-conflict", errors, Map.of());
    }

    /** Equal as numbers (60000 and 60000.00 are the same price). */
    private static boolean sameValues(MarketSnapshot a, MarketSnapshot b) {
        List<Function<MarketSnapshot, BigDecimal>> values = List.of(MarketSnapshot::btcPrice,
                MarketSnapshot::networkHashrate, MarketSnapshot::difficulty, MarketSnapshot::blockReward,
                MarketSnapshot::transactionFees, MarketSnapshot::volume24h);
        for (Function<MarketSnapshot, BigDecimal> value : values) {
            BigDecimal x = value.apply(a);
            BigDecimal y = value.apply(b);
            if (x == null ? y != null : y == null || x.compareTo(y) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every row checked; the snapshots with times at PostgreSQL's precision (microseconds), one per
     * time (a row repeating an earlier one of the batch is dropped and counted as a duplicate).
     */
    private List<MarketSnapshot> validate(List<MarketRow> rows, Settings s) {
        Instant latest = clock.instant().plus(s.futureSkew());
        List<FieldError> errors = new ArrayList<>();
        Map<Instant, MarketRow> byTime = new HashMap<>();
        List<MarketSnapshot> batch = new ArrayList<>(rows.size());
        for (MarketRow row : rows) {
            MarketSnapshot m = row.snapshot();
            String w = row.where();
            int before = errors.size();
            if (m.time() == null) {
                errors.add(new FieldError(w + "created_at", "is required"));
            } else if (m.time().isAfter(latest)) {
                errors.add(new FieldError(w + "created_at", "is in the future (more than "
                        + s.futureSkew().toSeconds() + " s after the platform's clock)"));
            }
            if (m.btcPrice() == null) {
                errors.add(new FieldError(w + "btc_price", "is required"));
            }
            positive(errors, w + "btc_price", m.btcPrice(), 14, 2);
            positive(errors, w + "network_difficulty", m.difficulty(), 30, 2);
            notNegative(errors, w + "network_hashrate", m.networkHashrate(), 12, 3);
            notNegative(errors, w + "block_reward", m.blockReward(), 16, 8);
            notNegative(errors, w + "transaction_fees", m.transactionFees(), 16, 8);
            notNegative(errors, w + "volume_24h", m.volume24h(), 20, 2);
            if (errors.size() > before) {
                continue;
            }
            MarketSnapshot snapshot = m.at(m.time().truncatedTo(ChronoUnit.MICROS));
            MarketRow first = byTime.putIfAbsent(snapshot.time(), row);
            if (first == null) {
                batch.add(snapshot);
            } else if (!sameValues(first.snapshot(), snapshot)) {
                errors.add(new FieldError(w + "created_at", "repeats the time of " + first.where().replaceAll(
                        "[.: ]+$", "") + " with other values"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        batch.sort(Comparator.comparing(MarketSnapshot::time));
        return batch;
    }

    private static void positive(List<FieldError> errors, String field, BigDecimal value, int precision, int scale) {
        if (value != null && value.signum() <= 0) {
            errors.add(new FieldError(field, "must be greater than 0"));
        } else {
            fits(errors, field, value, precision, scale);
        }
    }

    private static void notNegative(List<FieldError> errors, String field, BigDecimal value, int precision,
            int scale) {
        if (value != null && value.signum() < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        } else {
            fits(errors, field, value, precision, scale);
        }
    }

    /** Stored exactly or refused: never rounded behind the caller's back. */
    private static void fits(List<FieldError> errors, String field, BigDecimal value, int precision, int scale) {
        if (value == null) {
            return;
        }
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() > scale) {
            errors.add(new FieldError(field, "has more than " + scale + " decimals"));
        } else if (v.precision() - v.scale() > precision - scale) {
            errors.add(new FieldError(field, "must be below 1e" + (precision - scale)));
        }
    }

    private <T> T inTransaction(AnalyticsDatabase.Query<T> work) throws SQLException {
        return db.primary(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                engine.invalidate();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }
}
