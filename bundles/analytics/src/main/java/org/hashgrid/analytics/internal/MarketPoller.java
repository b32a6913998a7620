package org.hashgrid.analytics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hashgrid.analytics.MarketDataException;
import org.hashgrid.analytics.MarketDataSource;
import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.PeriodicJob;
import org.hashgrid.core.ProblemException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the market sources once per interval ({@code poll.interval.minutes}, 15 by default: 96
 * snapshots a day) and stores the snapshot at the start of its interval, so that every node
 * polling the same interval stores the same point once (a second answer with other values is a
 * conflict and is dropped). Sources are asked highest {@code service.ranking} first until one
 * answers; when none does, the interval is retried every minute until it ends. Sources come and
 * go at any time (dynamic references).
 */
@Component(service = MarketPoller.class, configurationPid = AnalyticsConfig.PID)
public class MarketPoller {
    private static final Logger LOG = LoggerFactory.getLogger(MarketPoller.class);
    private static final Duration TICK = Duration.ofMinutes(1);
    private static final Caller POLLER = Caller.system("market-poller");

    private final MarketService market;
    private final Clock clock;
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final PeriodicJob job = new PeriodicJob("hashgrid-analytics-market", this::poll);
    private volatile Settings settings;
    private Instant lastPolled;
    private boolean failing;

    record Settings(Duration interval, Duration timeout) {
        static Settings read(ConfigCheck check, AnalyticsConfig c) {
            return new Settings(Duration.ofMinutes(check.between("poll.interval.minutes", c::poll_interval_minutes, 1,
                    1440)),
                    Duration.ofSeconds(check.between("source.timeout.seconds", c::source_timeout_seconds, 1, 120)));
        }
    }

    /** A source with the service properties that order it. */
    record Source(MarketDataSource service, String name, int ranking, long serviceId) {
    }

    @Activate
    public MarketPoller(@Reference MarketService market, AnalyticsConfig config) {
        this(market, config, Clock.systemUTC());
        job.schedule(settings, Duration.ofSeconds(5), TICK);
    }

    MarketPoller(MarketService market, AnalyticsConfig config, Clock clock) {
        this.market = market;
        this.clock = clock;
        this.settings = ConfigCheck.apply(AnalyticsConfig.PID, AnalyticsConfig.class, config, null, Settings::read,
                LOG::warn);
    }

    @Modified
    void modified(AnalyticsConfig config) {
        settings = ConfigCheck.apply(AnalyticsConfig.PID, AnalyticsConfig.class, config, settings, Settings::read,
                LOG::warn);
    }

    @Deactivate
    void deactivate() {
        job.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(MarketDataSource source, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        sources.add(new Source(source, String.valueOf(properties.getOrDefault(MarketDataSource.NAME, "unnamed")),
                ranking instanceof Integer r ? r : 0, (Long) properties.get(Constants.SERVICE_ID)));
    }

    void removeSource(MarketDataSource source) {
        sources.removeIf(s -> s.service() == source);
    }

    /** The start of the interval {@code now} lies in (intervals start at whole multiples from the epoch). */
    static Instant slot(Instant now, Duration interval) {
        long seconds = interval.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), seconds) * seconds);
    }

    /** Polls once for the current interval unless it was stored already; answers what was stored, or null. */
    synchronized ImportOutcome poll() {
        Settings s = settings;
        Instant slot = slot(clock.instant(), s.interval());
        if (slot.equals(lastPolled) || sources.isEmpty()) {
            return null;
        }
        List<Source> ordered = new ArrayList<>(sources);
        ordered.sort(Comparator.comparingInt(Source::ranking).reversed().thenComparingLong(Source::serviceId));
        List<String> failures = new ArrayList<>();
        for (Source source : ordered) {
            MarketSnapshot snapshot;
            try {
                snapshot = source.service().read(s.timeout());
            } catch (MarketDataException | RuntimeException e) {
                failures.add(source.name() + ": " + e.getMessage());
                continue;
            }
            try {
                ImportOutcome stored = market.record(POLLER, List.of(new MarketRow(source.name() + ": ",
                        snapshot.at(slot))), false);
                lastPolled = slot;
                if (failing) {
                    LOG.info("Market data polled again from {}", source.name());
                    failing = false;
                }
                return stored;
            } catch (ProblemException e) {
                if (e.status() == 409) {
                    lastPolled = slot; // another node stored this interval first
                    LOG.debug("Market snapshot {} was stored meanwhile with other values; kept", slot);
                    return null;
                }
                failures.add(source.name() + " answered values refused: " + e.getMessage() + " " + e.errors());
            } catch (RuntimeException e) {
                failures.add(source.name() + ": storing failed: " + e.getMessage());
                break;
            }
        }
        if (!failing) {
            LOG.warn("No market source answered for {} ({}); retried every minute", slot, String.join("; ", failures));
            failing = true;
        }
        return null;
    }
}
