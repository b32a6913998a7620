package org.hashgrid.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.hashgrid.analytics.MarketDataException;
import org.hashgrid.analytics.MarketDataSource;
import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** Polling on PostgreSQL: one snapshot per interval at its start, sources by ranking, failover. */
class MarketPollerTest extends DatabaseTest {
    private static AnalyticsFixture analytics;
    private final MovableClock clock = new MovableClock(Instant.parse("2025-02-01T10:07:30Z"));

    @BeforeAll
    static void services() {
        analytics = new AnalyticsFixture(db.dataSource(), Map.of());
    }

    @BeforeEach
    void empty() throws SQLException {
        executeSql("TRUNCATE market_analytics CASCADE");
        analytics.market.recomputeAll();
    }

    /** A source answering a price, or failing while {@code failing}. */
    private static final class Source implements MarketDataSource {
        final AtomicInteger reads = new AtomicInteger();
        final String price;
        volatile boolean failing;

        Source(String price) {
            this.price = price;
        }

        @Override
        public MarketSnapshot read(Duration timeout) throws MarketDataException {
            reads.incrementAndGet();
            if (failing) {
                throw new MarketDataException("down");
            }
            return new MarketSnapshot(Instant.now(), new BigDecimal(price), null, new BigDecimal("1e14"),
                    new BigDecimal("3.125"), null, null);
        }
    }

    @Test
    void onePollPerIntervalStoredAtItsStartFromTheHighestRankedSourceThatAnswers() throws SQLException {
        MarketPoller poller = new MarketPoller(analytics.market, Configs.of(AnalyticsConfig.class, Map.of()), clock);
        Source low = new Source("50000");
        Source high = new Source("60000");
        poller.addSource(low, Map.of(Constants.SERVICE_RANKING, 0, Constants.SERVICE_ID, 1L));
        poller.addSource(high, Map.of(Constants.SERVICE_RANKING, 10, Constants.SERVICE_ID, 2L));

        assertEquals(1, poller.poll().inserted());
        assertNull(poller.poll(), "the interval is stored");
        assertEquals("2025-02-01 10:00:00+00|60000.00", selectText(
                "SELECT created_at AT TIME ZONE 'UTC' || '+00|' || btc_price FROM market_analytics"));

        high.failing = true;
        clock.set(Instant.parse("2025-02-01T10:15:00Z"));
        assertEquals(1, poller.poll().inserted());
        assertEquals("50000.00", selectText("SELECT btc_price FROM market_analytics ORDER BY created_at DESC LIMIT 1"));

        low.failing = true;
        clock.set(Instant.parse("2025-02-01T10:31:00Z"));
        assertNull(poller.poll(), "nobody answers");
        low.failing = false;
        clock.set(Instant.parse("2025-02-01T10:32:00Z"));
        assertEquals(1, poller.poll().inserted(), "retried within the interval");
        assertEquals("3", selectText("SELECT count(*) FROM market_analytics"));

        poller.removeSource(low);
        poller.removeSource(high);
        clock.set(Instant.parse("2025-02-01T10:45:00Z"));
        assertNull(poller.poll());
        assertEquals(4, high.reads.get(), "asked first at every poll, none after it left");
    }

    @Test
    void intervalsStartAtWholeMultiples() {
        assertEquals(Instant.parse("2025-02-01T10:00:00Z"),
                MarketPoller.slot(Instant.parse("2025-02-01T10:14:59Z"), Duration.ofMinutes(15)));
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"),
                MarketPoller.slot(Instant.parse("2025-02-01T10:14:59Z"), Duration.ofDays(1)));
    }
}
