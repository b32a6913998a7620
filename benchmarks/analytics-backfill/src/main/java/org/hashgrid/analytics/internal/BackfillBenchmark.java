package org.hashgrid.analytics.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.analytics.indicators.IndicatorSeries;
import org.hashgrid.analytics.indicators.IndicatorSettings;
import org.hashgrid.analytics.indicators.IndicatorValues;
import org.hashgrid.core.Caller;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.MigratedDatabase;

/**
 * Backfill of the technical indicators over N market snapshots (default 100,000) on a fresh
 * migrated database: {@link MarketService#recomputeAll} (read every price, compute in one pass,
 * rewrite every row by binary COPY in one transaction), its phases, the naive baseline (the same
 * rows, one INSERT statement each, one transaction), and the cost of one new point in order.
 */
public final class BackfillBenchmark {
    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int snapshots = option(args, "--snapshots", 100_000);
        int runs = option(args, "--runs", 5);
        int baselineSnapshots = option(args, "--baseline-snapshots", snapshots);
        try (MigratedDatabase db = new MigratedDatabase("bench_backfill")) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet v = s.executeQuery("SHOW server_version")) {
                v.next();
                System.out.printf("Java %s, %d cores, PostgreSQL %s, %d snapshots%n",
                        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), v.getString(1),
                        snapshots);
                // every 15 minutes up to 15 minutes ago, a wave around a trend (what is stored is not measured)
                s.execute("INSERT INTO market_analytics (created_at, btc_price, network_difficulty, block_reward) "
                        + "SELECT date_trunc('hour', now()) - (" + snapshots + " - i) * interval '15 minutes', "
                        + "round((60000 + 0.2 * i + 1500 * sin(i / 7.0) + 400 * cos(i / 2.3))::numeric, 2), 1e14, 3.125 "
                        + "FROM generate_series(1, " + snapshots + ") i");
                s.execute("VACUUM ANALYZE market_analytics");
            }
            AnalyticsDatabase analytics = new AnalyticsDatabase(db.dataSource(),
                    Configs.of(ReplicaConfig.class, Map.of()), Clock.systemUTC());
            MarketService market = new MarketService(analytics, Configs.of(AnalyticsConfig.class, Map.of()),
                    Clock.systemUTC());

            market.recomputeAll(); // warm-up: JIT, and the table's first fill
            market.recomputeAll();
            long[] totals = new long[runs];
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                int rows = market.recomputeAll();
                totals[r] = System.nanoTime() - start;
                if (rows != snapshots) {
                    throw new IllegalStateException("wrote " + rows + " rows");
                }
            }
            Arrays.sort(totals);
            System.out.printf("backfill (read + compute + COPY, one transaction): min %d ms, median %d ms, max %d ms%n",
                    ms(totals[0]), ms(totals[runs / 2]), ms(totals[runs - 1]));

            List<PricePoint> points;
            long read = System.nanoTime();
            try (Connection c = db.dataSource().getConnection()) {
                points = MarketStore.prices(c);
            }
            read = System.nanoTime() - read;
            long compute = System.nanoTime();
            IndicatorSeries series = new IndicatorSeries(IndicatorSettings.DEFAULTS);
            IndicatorCopy copy = new IndicatorCopy(points.size());
            for (PricePoint p : points) {
                copy.row(p.id(), series.next(p.price()));
            }
            byte[] stream = copy.finish();
            compute = System.nanoTime() - compute;
            System.out.printf("  of which: read prices %d ms, compute + encode %d ms (%d bytes), write the rest%n",
                    ms(read), ms(compute), stream.length);

            long naive = naive(db, points.subList(points.size() - baselineSnapshots, points.size()));
            long median = totals[runs / 2];
            double scaled = (double) naive * snapshots / baselineSnapshots;
            System.out.printf("baseline, one INSERT per row (%d rows, one transaction): %d ms%s; ratio %.1fx%n",
                    baselineSnapshots, ms(naive), baselineSnapshots == snapshots ? ""
                            : String.format(" (%d ms for %d)", ms((long) scaled), snapshots),
                    scaled / median);

            market.recomputeAll();
            int appended = 200;
            long append = System.nanoTime();
            Caller bench = Caller.system("benchmark");
            java.time.Instant last;
            try (Connection c = db.dataSource().getConnection()) {
                last = MarketStore.last(c);
            }
            for (int i = 1; i <= appended; i++) {
                MarketSnapshot next = new MarketSnapshot(last.plusSeconds(i), new java.math.BigDecimal(
                        60_000 + i), null, new java.math.BigDecimal("1e14"), new java.math.BigDecimal("3.125"), null,
                        null);
                ImportOutcome one = market.record(bench, List.of(new MarketRow("", next)), false);
                if (one.indicatorRows() != 1) {
                    throw new IllegalStateException("a point in order wrote " + one.indicatorRows() + " rows");
                }
            }
            append = System.nanoTime() - append;
            System.out.printf("one new point in order (import of 1, %d in a row): %.2f ms each, 1 indicator row%n",
                    appended, append / 1e6 / appended);
        }
    }

    /** The naive store: every row an INSERT of its own (no batching), in one transaction. */
    private static long naive(MigratedDatabase db, List<PricePoint> points) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM technical_indicators");
            }
            IndicatorSeries series = new IndicatorSeries(IndicatorSettings.DEFAULTS);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO technical_indicators ("
                    + IndicatorCopy.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PricePoint p : points) {
                    IndicatorValues v = series.next(p.price());
                    insert.setLong(1, p.id());
                    OptionalDouble[] values = { v.rsi(), v.macd(), v.macdSignal(), v.macdHistogram(),
                        v.bollingerUpper(), v.bollingerMiddle(), v.bollingerLower(), v.emaFast(), v.emaSlow() };
                    for (int i = 0; i < values.length; i++) {
                        insert.setObject(i + 2, values[i].isPresent()
                                ? java.math.BigDecimal.valueOf(values[i].getAsDouble()).setScale(4,
                                        java.math.RoundingMode.HALF_UP)
                                : null, java.sql.Types.NUMERIC);
                    }
                    insert.setString(11, v.signal().name());
                    insert.executeUpdate();
                }
            }
            c.commit();
            return System.nanoTime() - start;
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static int option(String[] args, String name, int fallback) {
        List<String> list = new ArrayList<>(List.of(args));
        int at = list.indexOf(name);
        return at >= 0 && at + 1 < list.size() ? Integer.parseInt(list.get(at + 1)) : fallback;
    }
}
