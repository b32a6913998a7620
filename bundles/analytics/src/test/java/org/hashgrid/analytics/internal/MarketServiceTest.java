package org.hashgrid.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.core.FieldError;
import org.hashgrid.core.ProblemException;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports on PostgreSQL: validation of every row, idempotence per timestamp, conflicts and
 * overwrites, and indicator rows that always equal a recomputation of the whole history, whether
 * points arrive in order (O(1) each), out of order, or in bulk.
 */
class MarketServiceTest extends DatabaseTest {
    /** Every stored indicator row with its snapshot time, in time order, as text. */
    private static final String INDICATORS = "SELECT string_agg(concat_ws('|', m.created_at, t.rsi, t.macd, "
            + "t.macd_signal, t.macd_histogram, t.bb_upper, t.bb_middle, t.bb_lower, t.ema_12, t.ema_26, t.signal), "
            + "E'\\n' ORDER BY m.created_at) FROM technical_indicators t JOIN market_analytics m ON m.id = t.analytics_id";

    private static AnalyticsFixture analytics;

    @BeforeAll
    static void services() {
        analytics = new AnalyticsFixture(db.dataSource(), Map.of());
    }

    @BeforeEach
    void empty() throws SQLException {
        executeSql("TRUNCATE market_analytics CASCADE");
        analytics.market.recomputeAll();
    }

    @Test
    void indicatorsAreNullUntilTheirHistoryIsLongEnoughNeverZero() throws SQLException {
        ImportOutcome outcome = analytics.market.record(callers.admin(), MarketData.rows(0, 40), false);
        assertEquals(new ImportOutcome(40, 40, 0, 0, MarketData.START, 40), outcome);
        // RSI(14) needs 15 prices, Bollinger(20) and EMA-12 their period, EMA-26 and MACD 26, the signal line 34
        assertEquals(List.of("14", "19", "11", "25", "33"), List.of(
                selectText("SELECT count(*) FROM technical_indicators WHERE rsi IS NULL"),
                selectText("SELECT count(*) FROM technical_indicators WHERE bb_middle IS NULL"),
                selectText("SELECT count(*) FROM technical_indicators WHERE ema_12 IS NULL"),
                selectText("SELECT count(*) FROM technical_indicators WHERE macd IS NULL"),
                selectText("SELECT count(*) FROM technical_indicators WHERE macd_signal IS NULL")));
        assertEquals("0", selectText("SELECT count(*) FROM technical_indicators WHERE rsi = 0 OR macd = 0 "
                + "OR bb_middle = 0 OR ema_12 = 0 OR ema_26 = 0"));
        assertEquals("NEUTRAL", selectText("SELECT signal FROM technical_indicators t JOIN market_analytics m "
                + "ON m.id = t.analytics_id ORDER BY m.created_at LIMIT 1"));
    }

    @Test
    void pointsInOrderOneAtATimeEqualTheWholeHistoryRecomputed() throws SQLException {
        analytics.market.record(callers.admin(), MarketData.rows(0, 60), false);
        for (int i = 60; i < 120; i++) {
            ImportOutcome one = analytics.market.record(callers.admin(), MarketData.rows(i, i + 1), false);
            assertEquals(1, one.indicatorRows(), "one new point writes one row");
        }
        String incremental = selectText(INDICATORS);
        assertEquals(120, analytics.market.recomputeAll());
        assertEquals(incremental, selectText(INDICATORS));
        assertTrue(incremental.contains("BUY") || incremental.contains("SELL"), "the wave gives signals");
    }

    @Test
    void anOutOfOrderPointRecomputesTheIndicatorsAfterIt() throws SQLException {
        List<MarketRow> all = MarketData.rows(0, 100);
        List<MarketRow> withGap = new ArrayList<>(all);
        withGap.remove(50);
        analytics.market.record(callers.admin(), withGap, false);
        String before = selectText(INDICATORS);
        ImportOutcome late = analytics.market.record(callers.admin(), List.of(all.get(50)), false);
        assertEquals(all.get(50).snapshot().time(), late.indicatorsFrom());
        assertEquals(50, late.indicatorRows(), "the point and the 49 after it");
        String after = selectText(INDICATORS);
        assertNotEquals(before, after);
        analytics.market.recomputeAll();
        assertEquals(after, selectText(INDICATORS));
    }

    @Test
    void twoNodesWritingInTurnKeepTheIndicatorsRight() throws SQLException {
        MarketService otherNode = new MarketService(analytics.db, Configs.of(AnalyticsConfig.class, Map.of()),
                java.time.Clock.systemUTC());
        analytics.market.record(callers.admin(), MarketData.rows(0, 40), false);
        otherNode.record(callers.admin(), MarketData.rows(40, 60), false);
        // this node's series missed 40..59: it rebuilds from the table before writing row 60
        assertEquals(1, analytics.market.record(callers.admin(), MarketData.rows(60, 61), false).indicatorRows());
        otherNode.record(callers.admin(), List.of(new MarketRow("[0].", changedPrice(MarketData.snapshot(10),
                "50000.00"))), true);
        analytics.market.record(callers.admin(), MarketData.rows(61, 62), false);
        String written = selectText(INDICATORS);
        analytics.market.recomputeAll();
        assertEquals(written, selectText(INDICATORS));
    }

    @Test
    void aReimportIsReportedAsDuplicatesAndChangesNothing() throws SQLException {
        analytics.market.record(callers.admin(), MarketData.rows(0, 30), false);
        String ids = selectText("SELECT string_agg(id::text, ',' ORDER BY id) FROM technical_indicators");
        // the same values written differently are the same snapshot
        List<MarketRow> again = new ArrayList<>(MarketData.rows(0, 30));
        MarketSnapshot first = again.get(0).snapshot();
        again.set(0, new MarketRow("[0].", new MarketSnapshot(first.time(), first.btcPrice().setScale(4),
                first.networkHashrate(), first.difficulty(), first.blockReward(), first.transactionFees(),
                first.volume24h())));
        assertEquals(new ImportOutcome(30, 0, 30, 0, null, 0),
                analytics.market.record(callers.admin(), again, false));
        assertEquals(ids, selectText("SELECT string_agg(id::text, ',' ORDER BY id) FROM technical_indicators"));
        // a repeat inside one batch is a duplicate too
        assertEquals(new ImportOutcome(3, 1, 2, 0, MarketData.snapshot(30).time(), 1), analytics.market
                .record(callers.admin(), List.of(row(30), row(30), row(29)), false));
    }

    @Test
    void otherValuesForAStoredTimeAre409UnlessOverwritten() throws SQLException {
        analytics.market.record(callers.admin(), MarketData.rows(0, 40), false);
        String before = selectText(INDICATORS);
        MarketSnapshot changed = changedPrice(MarketData.snapshot(20), "1000.00");
        List<MarketRow> batch = List.of(new MarketRow("[0].", changed), row(40));
        ProblemException conflict = assertThrows(ProblemException.class,
                () -> analytics.market.record(callers.admin(), batch, false));
        assertEquals(409, conflict.status());
        assertEquals(List.of(new FieldError(changed.time().toString(), "is stored with other values (btc_price "
                + MarketData.price(20).toPlainString() + ")")), conflict.errors());
        assertEquals("40", selectText("SELECT count(*) FROM market_analytics"), "nothing stored, not even row 40");
        assertEquals(before, selectText(INDICATORS));

        ImportOutcome overwritten = analytics.market.record(callers.admin(), batch, true);
        assertEquals(new ImportOutcome(2, 1, 0, 1, changed.time(), 21), overwritten);
        assertEquals("1000.00", selectText("SELECT btc_price FROM market_analytics WHERE created_at = '"
                + changed.time() + "'"));
        String after = selectText(INDICATORS);
        analytics.market.recomputeAll();
        assertEquals(after, selectText(INDICATORS));
    }

    @Test
    void badRowsAreAllReportedAndNothingIsStored() throws SQLException {
        Instant future = Instant.now().plusSeconds(3600);
        MarketSnapshot good = MarketData.snapshot(0);
        List<MarketRow> rows = List.of(new MarketRow("line 2: ", good),
                new MarketRow("line 3: ", new MarketSnapshot(future, new BigDecimal("-1"), new BigDecimal("-2"),
                        BigDecimal.ZERO, null, null, null)),
                new MarketRow("line 4: ", new MarketSnapshot(null, null, null, null, new BigDecimal("3.123456789"),
                        new BigDecimal("-0.1"), new BigDecimal("1e30"))),
                new MarketRow("line 5: ", changedPrice(good, "60000.01")));
        ProblemException invalid = assertThrows(ProblemException.class,
                () -> analytics.market.record(callers.admin(), rows, false));
        assertEquals(400, invalid.status());
        assertEquals(List.of(
                new FieldError("line 3: created_at", "is in the future (more than 300 s after the platform's clock)"),
                new FieldError("line 3: btc_price", "must be greater than 0"),
                new FieldError("line 3: network_difficulty", "must be greater than 0"),
                new FieldError("line 3: network_hashrate", "must not be negative"),
                new FieldError("line 4: created_at", "is required"),
                new FieldError("line 4: btc_price", "is required"),
                new FieldError("line 4: block_reward", "has more than 8 decimals"),
                new FieldError("line 4: transaction_fees", "must not be negative"),
                new FieldError("line 4: volume_24h", "must be below 1e18"),
                new FieldError("line 5: created_at", "repeats the time of line 2 with other values")),
                invalid.errors());
        assertEquals("0", selectText("SELECT count(*) FROM market_analytics"));
    }

    @Test
    void aBatchOverTheLimitIsRefusedBeforeAnythingElse() {
        MarketService small = new MarketService(analytics.db,
                Configs.of(AnalyticsConfig.class, Map.of("import_max_rows", 5)), java.time.Clock.systemUTC());
        ProblemException refused = assertThrows(ProblemException.class,
                () -> small.record(callers.admin(), MarketData.rows(0, 6), false));
        assertEquals("At most 5 snapshots per import; this one holds 6: split it", refused.getMessage());
        assertThrows(ProblemException.class, () -> small.record(callers.admin(), List.of(), false));
    }

    @Test
    void aLargeHistoryIsWrittenInBulkAndKeepsItsForeignKey() throws SQLException {
        int n = IndicatorEngine.BULK_ROWS + 500;
        for (int from = 0; from < n; from += 5_000) {
            analytics.market.record(callers.admin(), MarketData.rows(from, Math.min(n, from + 5_000)), false);
        }
        String incremental = selectText(INDICATORS);
        assertEquals(n, analytics.market.recomputeAll());
        assertEquals(incremental, selectText(INDICATORS));
        assertEquals("technical_indicators_analytics_id_fk|f|c", selectText("SELECT conname || '|' || contype::text "
                + "|| '|' || confdeltype::text FROM pg_constraint WHERE conrelid = 'technical_indicators'::regclass "
                + "AND contype = 'f'"));
        executeSql("DELETE FROM market_analytics WHERE created_at < '" + MarketData.START.plusSeconds(3600) + "'");
        assertEquals(String.valueOf(n - 4), selectText("SELECT count(*) FROM technical_indicators"),
                "the cascade still holds");
    }

    @Test
    void newSignalThresholdsRewriteTheSignals() throws SQLException {
        analytics.market.record(callers.admin(), MarketData.rows(0, 200), false);
        long signals = selectLong("SELECT count(*) FROM technical_indicators WHERE signal <> 'NEUTRAL'");
        analytics.market.modified(Configs.of(AnalyticsConfig.class, Map.of("rsi_oversold", 45, "rsi_overbought", 55)));
        analytics.market.recomputeAll();
        assertTrue(selectLong("SELECT count(*) FROM technical_indicators WHERE signal <> 'NEUTRAL'") > signals);
        assertEquals(45.0, analytics.market.indicatorSettings().rsiOversold());
        // refused: the thresholds cross; the previous ones stay
        analytics.market.modified(Configs.of(AnalyticsConfig.class, Map.of("rsi_oversold", 80, "rsi_overbought", 20)));
        assertEquals(45.0, analytics.market.indicatorSettings().rsiOversold());
        analytics.market.modified(Configs.of(AnalyticsConfig.class, Map.of()));
        analytics.market.recomputeAll();
        assertEquals(signals, selectLong("SELECT count(*) FROM technical_indicators WHERE signal <> 'NEUTRAL'"));
    }

    @Test
    void pagesRunNewestFirstWithinTheRange() {
        analytics.market.record(callers.admin(), MarketData.rows(0, 30), false);
        TimeRange range = new TimeRange(MarketData.snapshot(5).time(), MarketData.snapshot(24).time());
        List<Instant> seen = new ArrayList<>();
        org.hashgrid.core.PageRequest page = org.hashgrid.core.PageRequest.of(7, null);
        while (true) {
            var p = analytics.queries.indicators(range, page);
            p.items().forEach(i -> seen.add(i.createdAt()));
            if (p.nextCursor() == null) {
                break;
            }
            page = org.hashgrid.core.PageRequest.of(7, p.nextCursor());
        }
        assertEquals(20, seen.size());
        assertEquals(MarketData.snapshot(24).time(), seen.get(0));
        assertEquals(MarketData.snapshot(5).time(), seen.get(19));
        assertNull(analytics.queries.indicators(range, org.hashgrid.core.PageRequest.of(20, null)).nextCursor());
    }

    private static MarketRow row(int i) {
        return new MarketRow("[" + i + "].", MarketData.snapshot(i));
    }

    private static MarketSnapshot changedPrice(MarketSnapshot m, String price) {
        return new MarketSnapshot(m.time(), new BigDecimal(price), m.networkHashrate(), m.difficulty(),
                m.blockReward(), m.transactionFees(), m.volume24h());
    }
}
