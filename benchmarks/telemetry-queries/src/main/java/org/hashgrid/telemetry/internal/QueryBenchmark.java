package org.hashgrid.telemetry.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.hashgrid.core.Caller;
import org.hashgrid.core.PageRequest;
import org.hashgrid.model.internal.SchemaMigrator;
import org.hashgrid.testing.TestPostgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Latency of the telemetry reads on the seed's shape: 10,000 miners of one site, 48 readings a
 * day each for 90 days (43.2 M rows in the monthly partitions, with the per-sensor arrays), their
 * hourly and daily rollups and their latest state. Measures, through the classes the endpoints
 * use: one miner's last 24 h (raw), the first page of the site's fleet by efficiency, the site's
 * 30-day hourly totals from the rollups, and the same totals from the raw readings (the ratio).
 */
public final class QueryBenchmark {
    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int miners = option(args, "--miners", 10_000);
        int days = option(args, "--days", 90);
        int perDay = option(args, "--per-day", 48);
        int runs = option(args, "--runs", 200);
        TestPostgres.Database database = TestPostgres.createDatabase("bench_queries");
        try (HikariDataSource pool = pool(database)) {
            SchemaMigrator.migrate(pool);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            long site = load(pool, miners, days, perDay, now);
            System.out.printf(Locale.ROOT, "%nmachine: %d cores, %s %s; PostgreSQL %s (stock settings)%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), scalar(pool, "SHOW server_version"));
            System.out.printf(Locale.ROOT, "%s raw rows, %s hourly, %s daily; table %s%n%n",
                    scalar(pool, "SELECT to_char(count(*), 'FM999,999,999') FROM miner_telemetry"),
                    scalar(pool, "SELECT to_char(count(*), 'FM999,999,999') FROM miner_telemetry_hourly"),
                    scalar(pool, "SELECT to_char(count(*), 'FM999,999,999') FROM miner_telemetry_daily"),
                    scalar(pool, "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_inherits i "
                            + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'miner_telemetry'::regclass"));
            HistoryQuery history = new HistoryQuery(pool);
            FleetQuery fleet = new FleetQuery(pool);
            long firstMiner = Long.parseLong(scalar(pool, "SELECT min(id) FROM hosting_miners"));
            SplittableRandom random = new SplittableRandom(7);
            Caller owner = new Caller("owner", "owner@bench", "owner", false);
            measure("one miner, last 24 h raw (p95 < 10 ms)", runs, () -> history.points(
                    firstMiner + random.nextInt(miners), "raw", now.minus(Duration.ofHours(24)), now).size());
            measure("fleet first page (50) of " + miners + " miners by efficiency (p95 < 50 ms)", runs,
                    () -> fleet.page(owner, site, "efficiency", "asc", PageRequest.of(50, null)).items().size());
            measure("site, 30 days by hour, from rollups (p95 < 500 ms)", Math.max(5, runs / 20),
                    () -> history.sitePoints(site, null, "1h", now.minus(Duration.ofDays(30)), now).size());
            measure("site, 30 days by hour, from raw readings", 3,
                    () -> siteFromRaw(pool, site, now.minus(Duration.ofDays(30)), now));
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    /** The site's hourly totals computed from raw readings, for the ratio to the rollups. */
    private static int siteFromRaw(HikariDataSource pool, long site, Instant from, Instant to) throws Exception {
        String sql = """
                SELECT bucket, count(*), sum(h), sum(p) FROM (
                    SELECT date_bin('1 hour', recorded_at, timestamptz '2000-01-01 00:00:00+00') AS bucket, miner_id,
                           avg(hashrate) AS h, avg(power_consumption) AS p
                      FROM miner_telemetry
                     WHERE miner_id IN (SELECT miner_id FROM miner_latest_state WHERE site_id = ?)
                       AND recorded_at >= ? AND recorded_at < ?
                     GROUP BY 1, 2) per_miner GROUP BY bucket ORDER BY bucket""";
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, site);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            int n = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    private static void measure(String name, int runs, Callable<Integer> query) throws Exception {
        for (int i = 0; i < Math.min(20, runs); i++) {
            query.call();
        }
        long[] nanos = new long[runs];
        int rows = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            rows = query.call();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-62s %4d runs  p50 %8.2f ms  p95 %8.2f ms  max %8.2f ms  (%d rows)%n", name,
                runs, nanos[runs / 2] / 1e6, nanos[(int) Math.ceil(runs * 0.95) - 1] / 1e6, nanos[runs - 1] / 1e6, rows);
    }

    /** The fleet, its readings, rollups and latest state, generated by PostgreSQL; returns the site. */
    private static long load(HikariDataSource pool, int miners, int days, int perDay, Instant now) throws Exception {
        long started = System.nanoTime();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('benchmark', 40)");
            s.execute("INSERT INTO miner_models (name, manufacturer, hashrate, power_consumption) "
                    + "VALUES ('S19 Pro', 'Bitmain', 110, 3250)");
            s.execute("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id, cgminer_ip) SELECT 'Q-' || i, "
                    + "(SELECT min(id) FROM miner_models), (SELECT min(id) FROM hosting_sites), '10.' || (i / 65536) "
                    + "|| '.' || (i / 256 % 256) || '.' || (i % 256) FROM generate_series(1, " + miners + ") i");
            Instant first = now.minus(Duration.ofDays(days));
            for (LocalDate month = LocalDate.ofInstant(first, ZoneOffset.UTC).withDayOfMonth(1); !month
                    .isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC).plusMonths(1)); month = month.plusMonths(1)) {
                s.execute(String.format(Locale.ROOT, "CREATE TABLE IF NOT EXISTS miner_telemetry_y%dm%02d PARTITION OF "
                        + "miner_telemetry FOR VALUES FROM ('%s 00:00:00+00') TO ('%s 00:00:00+00')", month.getYear(),
                        month.getMonthValue(), month, month.plusMonths(1)));
            }
            long step = 86_400 / perDay;
            for (int day = 0; day < days; day++) {
                Instant dayStart = first.plus(Duration.ofDays(day));
                s.execute("INSERT INTO miner_telemetry (miner_id, recorded_at, hashrate, temperature, power_consumption, "
                        + "fan_speed, board_temperatures, chip_temperatures, fan_speeds, flags) "
                        + "SELECT m.id, ts + (m.id % " + step + ") * interval '1 second', round((100 + random() * 10)::numeric, 3), "
                        + "round((60 + random() * 10)::numeric, 2), round((3200 + random() * 100)::numeric, 2), 5400, "
                        + "ARRAY[61.5, 62.5, 63.5]::real[], ARRAY[76, 77.5, 78]::real[], ARRAY[5400, 5410, 5420, 5430], 0 "
                        + "FROM generate_series(timestamptz '" + dayStart + "', timestamptz '"
                        + dayStart.plus(Duration.ofDays(1)).minusSeconds(step) + "', interval '" + step + " seconds') ts "
                        + "CROSS JOIN hosting_miners m");
                if (day % 10 == 9) {
                    System.out.printf(Locale.ROOT, "loaded %d of %d days (%.0f s)%n", day + 1, days,
                            (System.nanoTime() - started) / 1e9);
                }
            }
            s.execute("INSERT INTO miner_latest_state (miner_id, site_id, recorded_at, hashrate, temperature, "
                    + "power_consumption, fan_speed, efficiency, flags, last_attempt_at, last_success_at, status) "
                    + "SELECT id, site_id, now(), h, 65, p, 5400, round(p / h, 2), 0, now(), now(), 'active' FROM ("
                    + "SELECT id, site_id, round((100 + random() * 10)::numeric, 3) h, round((3200 + random() * 100)::numeric, 2) p "
                    + "FROM hosting_miners) m");
            s.execute("VACUUM ANALYZE miner_telemetry");
            s.execute("VACUUM ANALYZE miner_latest_state");
        }
        Rollups rollups = new Rollups(pool);
        for (int day = 0; day <= days; day++) {
            Instant dayStart = now.minus(Duration.ofDays(days)).plus(Duration.ofDays(day));
            rollups.run(dayStart, dayStart.plus(Duration.ofDays(1)).minusSeconds(1), Duration.ofSeconds(86_400 / perDay));
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE miner_telemetry_hourly");
            s.execute("VACUUM ANALYZE miner_telemetry_daily");
        }
        System.out.printf(Locale.ROOT, "loaded and rolled up in %.0f s%n", (System.nanoTime() - started) / 1e9);
        return Long.parseLong(scalar(pool, "SELECT min(id) FROM hosting_sites"));
    }

    private static String scalar(HikariDataSource pool, String sql) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static HikariDataSource pool(TestPostgres.Database database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
