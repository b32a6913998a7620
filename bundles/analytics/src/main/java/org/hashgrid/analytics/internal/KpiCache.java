package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.DomainEvents;
import org.hashgrid.core.PeriodicJob;
import org.hashgrid.core.Workers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet and per-site KPIs, computed in the background and kept as one immutable value, so
 * that reading them costs nothing: every {@code kpi.refresh.seconds}, and about a second after
 * events that change them (miners added, removed or changing status, sites, curtailment plans,
 * new market data; a burst of events costs one refresh). Until the first computation ends
 * {@link #current} is empty.
 */
@Component(service = { KpiCache.class, EventHandler.class }, configurationPid = AnalyticsConfig.PID, property = {
    EventConstants.EVENT_TOPIC + "=" + DomainEvents.TOPIC_PREFIX + "miner/*",
    EventConstants.EVENT_TOPIC + "=" + DomainEvents.TOPIC_PREFIX + "site/*",
    EventConstants.EVENT_TOPIC + "=" + DomainEvents.TOPIC_PREFIX + "plan/*" })
public class KpiCache implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(KpiCache.class);
    private static final Duration DEBOUNCE = Duration.ofSeconds(1);
    private static final BigDecimal DAY_SECONDS = BigDecimal.valueOf(86_400);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private final AnalyticsDatabase db;
    private final PowerPrices prices;
    private final MarketService market;
    private final Clock clock;
    private final PeriodicJob job = new PeriodicJob("hashgrid-analytics-kpis", this::refreshQuietly);
    private final ScheduledExecutorService soon = Workers.singleThread("hashgrid-analytics-kpi-events");
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Runnable onMarket = this::requestRefresh;
    private volatile Kpis current;
    private volatile Duration period;
    private boolean failing;

    @Activate
    public KpiCache(@Reference AnalyticsDatabase db, @Reference PowerPrices prices, @Reference MarketService market,
            AnalyticsConfig config) {
        this(db, prices, market, config, Clock.systemUTC());
        market.onChange(onMarket);
        job.schedule(period, Duration.ZERO, period);
    }

    KpiCache(AnalyticsDatabase db, PowerPrices prices, MarketService market, AnalyticsConfig config, Clock clock) {
        this.db = db;
        this.prices = prices;
        this.market = market;
        this.clock = clock;
        this.period = ConfigCheck.apply(AnalyticsConfig.PID, AnalyticsConfig.class, config, null, KpiCache::read,
                LOG::warn);
    }

    private static Duration read(ConfigCheck check, AnalyticsConfig c) {
        return Duration.ofSeconds(check.between("kpi.refresh.seconds", c::kpi_refresh_seconds, 5, 3600));
    }

    @Modified
    void modified(AnalyticsConfig config) {
        period = ConfigCheck.apply(AnalyticsConfig.PID, AnalyticsConfig.class, config, period, KpiCache::read,
                LOG::warn);
        job.schedule(period, period, period);
    }

    @Deactivate
    void deactivate() {
        market.removeListener(onMarket);
        job.stop();
        soon.shutdownNow();
    }

    /** The figures as last computed, aged to now; null before the first computation. */
    public Kpis current() {
        Kpis kpis = current;
        return kpis == null ? null : kpis.at(clock.instant());
    }

    @Override
    public void handleEvent(Event event) {
        requestRefresh();
    }

    /** A refresh about a second from now, once however many requests arrive meanwhile. */
    void requestRefresh() {
        if (pending.compareAndSet(false, true)) {
            soon.schedule(() -> {
                pending.set(false);
                refreshQuietly();
            }, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (failing) {
                LOG.info("KPIs computed again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warn("Could not compute the KPIs ({}); the previous figures stay and age", e.getMessage());
                failing = true;
            }
        }
    }

    /** Computes every figure now and replaces the cached ones. */
    synchronized Kpis refresh() throws SQLException {
        Instant now = clock.instant();
        Instant end = now.truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofHours(24));
        Map<Long, Now> live = db.primary(KpiCache::now);
        Map<Long, Long> minerSite = db.primary(KpiCache::minerSites);
        HashpriceService.Market m = db.read(HashpriceService::latestMarket);
        Hashprice hp = m == null ? null : m.hashprice(prices.poolFeePercent());
        Map<Long, String> names = new TreeMap<>();
        Map<Long, Long> onlineSeconds = new HashMap<>();
        Map<Long, BigDecimal> energy = new HashMap<>();
        Map<Long, BigDecimal> curtailed = new HashMap<>();
        db.read(c -> {
            names.putAll(siteNames(c));
            perMiner(c, start, end).forEach((miner, seconds) -> {
                Long site = minerSite.get(miner);
                if (site != null) {
                    onlineSeconds.merge(site, seconds, Long::sum);
                }
            });
            energy.putAll(perSite(c, "SELECT site_id, sum(energy_kwh) FROM site_telemetry_hourly, w "
                    + "WHERE bucket >= w.s AND bucket < w.e GROUP BY site_id", start, end));
            curtailed.putAll(perSite(c, "SELECT p.site_id, sum(coalesce(p.power_reduced, p.target_power_reduction) "
                    + "* extract(epoch FROM least(coalesce(p.recovery_time, now()), w.e) - greatest(p.executed_at, w.s)) "
                    + "/ 3600) FROM curtailment_plans p, w WHERE p.executed_at IS NOT NULL AND p.status IN "
                    + "('executing', 'executed', 'recovering', 'recovered') AND p.executed_at < w.e "
                    + "AND coalesce(p.recovery_time, now()) > w.s GROUP BY p.site_id", start, end));
            return null;
        });
        live.keySet().forEach(site -> names.putIfAbsent(site, null));
        List<Kpis.Site> sites = new ArrayList<>();
        Accumulator fleet = new Accumulator();
        names.forEach((site, name) -> {
            Accumulator a = new Accumulator();
            a.add(live.get(site), onlineSeconds.get(site), energy.get(site), curtailed.get(site));
            fleet.add(live.get(site), onlineSeconds.get(site), energy.get(site), curtailed.get(site));
            sites.add(new Kpis.Site(site, name, a.figures(hp)));
        });
        Kpis kpis = new Kpis(now, 0, m == null ? null : m.time(),
                hp == null ? null : hp.usdPerThDay().setScale(8, RoundingMode.HALF_EVEN), fleet.figures(hp),
                List.copyOf(sites));
        current = kpis;
        return kpis;
    }

    /** One site's latest-state sums. */
    record Now(int miners, int online, BigDecimal hashrate, BigDecimal power, BigDecimal measuredHashrate,
            BigDecimal measuredPower) {
    }

    private static Map<Long, Now> now(Connection c) throws SQLException {
        String answering = HashpriceService.ANSWERING;
        String both = answering + " AND l.hashrate > 0 AND l.power_consumption IS NOT NULL";
        Map<Long, Now> sites = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT l.site_id, count(*), count(*) FILTER (WHERE " + answering
                + "), coalesce(sum(l.hashrate) FILTER (WHERE " + answering + "), 0), coalesce(sum(l.power_consumption) "
                + "FILTER (WHERE " + answering + "), 0), coalesce(sum(l.hashrate) FILTER (WHERE " + both + "), 0), "
                + "coalesce(sum(l.power_consumption) FILTER (WHERE " + both + "), 0) FROM miner_latest_state l "
                + "GROUP BY l.site_id"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                sites.put(rs.getLong(1), new Now(rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7)));
            }
        }
        return sites;
    }

    private static Map<Long, Long> minerSites(Connection c) throws SQLException {
        Map<Long, Long> sites = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT miner_id, site_id FROM miner_latest_state");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                sites.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return sites;
    }

    private static Map<Long, String> siteNames(Connection c) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, name FROM hosting_sites");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                names.put(rs.getLong(1), rs.getString(2));
            }
        }
        return names;
    }

    private static Map<Long, Long> perMiner(Connection c, Instant start, Instant end) throws SQLException {
        Map<Long, Long> seconds = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT miner_id, sum(seconds_online) FROM "
                + "miner_telemetry_hourly WHERE bucket >= ? AND bucket < ? GROUP BY miner_id")) {
            bind(s, start, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    seconds.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return seconds;
    }

    /** {@code select} reads the window {@code w(s, e)}: [start, end). */
    private static Map<Long, BigDecimal> perSite(Connection c, String select, Instant start, Instant end)
            throws SQLException {
        Map<Long, BigDecimal> values = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "WITH w AS (SELECT ?::timestamptz AS s, ?::timestamptz AS e) " + select)) {
            bind(s, start, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getLong(1), rs.getBigDecimal(2));
                }
            }
        }
        return values;
    }

    private static void bind(PreparedStatement s, Instant start, Instant end) throws SQLException {
        s.setObject(1, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
        s.setObject(2, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
    }

    /** Sums of sites, then the figures; ratios of sums, never averages of ratios. */
    private static final class Accumulator {
        int miners;
        int online;
        BigDecimal hashrate = BigDecimal.ZERO;
        BigDecimal power = BigDecimal.ZERO;
        BigDecimal measuredHashrate = BigDecimal.ZERO;
        BigDecimal measuredPower = BigDecimal.ZERO;
        long onlineSeconds;
        BigDecimal energyKwh = BigDecimal.ZERO;
        BigDecimal curtailedMwh = BigDecimal.ZERO;

        void add(Now now, Long seconds, BigDecimal energy, BigDecimal curtailed) {
            if (now != null) {
                miners += now.miners();
                online += now.online();
                hashrate = hashrate.add(now.hashrate());
                power = power.add(now.power());
                measuredHashrate = measuredHashrate.add(now.measuredHashrate());
                measuredPower = measuredPower.add(now.measuredPower());
            }
            onlineSeconds += seconds == null ? 0 : seconds;
            energyKwh = energy == null ? energyKwh : energyKwh.add(energy);
            curtailedMwh = curtailed == null ? curtailedMwh : curtailedMwh.add(curtailed);
        }

        Kpis.Figures figures(Hashprice hp) {
            MathContext mc = Hashprice.EXACT;
            BigDecimal ratio = miners == 0 ? null
                    : BigDecimal.valueOf(online).divide(BigDecimal.valueOf(miners), 4, RoundingMode.HALF_EVEN);
            BigDecimal uptime = miners == 0 ? null
                    : BigDecimal.valueOf(onlineSeconds).multiply(Money.HUNDRED)
                            .divide(DAY_SECONDS.multiply(BigDecimal.valueOf(miners)), mc).min(Money.HUNDRED)
                            .setScale(2, RoundingMode.HALF_EVEN);
            BigDecimal efficiency = measuredHashrate.signum() == 0 ? null
                    : measuredPower.divide(measuredHashrate, 2, RoundingMode.HALF_EVEN);
            return new Kpis.Figures(miners, online, ratio, hashrate, power, efficiency, uptime,
                    energyKwh.divide(THOUSAND, 3, RoundingMode.HALF_EVEN),
                    hp == null ? null : Hashprice.cents(hp.revenuePerDay(hashrate)),
                    curtailedMwh.setScale(3, RoundingMode.HALF_EVEN));
        }
    }
}
