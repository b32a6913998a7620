package org.hashgrid.telemetry.internal;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.hashgrid.driver.MinerReading;
import org.hashgrid.model.MinerTelemetry;
import org.hashgrid.model.internal.SchemaMigrator;
import org.hashgrid.model.internal.UnitTransactions;
import org.hashgrid.testing.TestPostgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Rows per second into {@code miner_telemetry} (partitioned by month, indexed) through
 * {@link TelemetryStore} — the path the platform runs: validation, binary COPY, latest-state
 * upsert — against, in the same run and on the same rows: JPA batched {@code persist} of
 * {@link MinerTelemetry} (the ORM baseline) and {@code psql \copy} of the same rows as CSV (the
 * database's own loader). Each is measured with the foreign key to {@code hosting_miners} and
 * without it. The table is emptied before each measurement.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = intOption(args, "--rows", 1_000_000);
        int jpaRows = intOption(args, "--jpa-rows", 50_000);
        int miners = intOption(args, "--miners", 10_000);
        int batch = intOption(args, "--batch", 20_000);
        TestPostgres.Database database = TestPostgres.createDatabase("bench_ingest");
        try (HikariDataSource pool = pool(database)) {
            SchemaMigrator.migrate(pool);
            long[] ids = fleet(pool, miners);
            List<Reading> readings = readings(ids, rows);
            Path csv = csv(readings);
            System.out.printf(Locale.ROOT, "machine: %d cores, %s; PostgreSQL %s%n", Runtime.getRuntime()
                    .availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    scalar(pool, "SHOW server_version"));
            System.out.printf(Locale.ROOT, "%,d rows of %,d miners (4 board, 3 chip temperatures, 4 fans each); "
                    + "batches of %,d%n%n", rows, miners, batch);
            EntityManagerFactory emf = Persistence.createEntityManagerFactory("hashgrid", Map.of(
                    "javax.persistence.nonJtaDataSource", pool, "eclipselink.weaving", "false",
                    "eclipselink.logging.level", "WARNING"));
            try {
                TelemetryStore store = new TelemetryStore(pool);
                // warm-up: JIT and the partitions' first pages
                measure(pool, "warm-up", () -> write(store, readings.subList(0, Math.min(rows, 200_000)), batch), 0);
                for (boolean foreignKey : new boolean[] { true, false }) {
                    setForeignKey(pool, foreignKey);
                    String fk = foreignKey ? "with FK" : "without FK";
                    double copy = measure(pool, "Hashgrid ingest (2 writers + latest state), " + fk,
                            () -> write(store, readings, batch), rows);
                    double copyOnly = measure(pool, "COPY alone, one connection, " + fk, () -> copyOnly(pool, readings,
                            batch), rows);
                    double psql = measure(pool, "psql \\copy (CSV), " + fk, () -> psqlCopy(database, csv), rows);
                    double jpa = measure(pool, "JPA batched persist, " + fk,
                            () -> jpa(emf, readings.subList(0, jpaRows)), jpaRows);
                    System.out.printf(Locale.ROOT, "  %s: ingest / JPA = %.1f×, ingest / psql \\copy = %.2f×, "
                            + "one-connection COPY / psql \\copy = %.2f×%n%n", fk, copy / jpa, copy / psql, copyOnly / psql);
                }
            } finally {
                emf.close();
                setForeignKey(pool, true);
            }
            Files.deleteIfExists(csv);
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    /** Empties the table, runs, prints rows/s. */
    private static double measure(HikariDataSource pool, String name, Run run, int rows) throws Exception {
        execute(pool, "TRUNCATE miner_telemetry, miner_latest_state");
        execute(pool, "CHECKPOINT");
        long start = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (rows > 0) {
            long stored = Long.parseLong(scalar(pool, "SELECT count(*) FROM miner_telemetry"));
            if (stored != rows) {
                throw new IllegalStateException(name + ": " + stored + " rows stored, " + rows + " sent");
            }
            System.out.printf(Locale.ROOT, "%-45s %,10d rows in %6.2f s = %,9.0f rows/s%n", name, rows, seconds,
                    rows / seconds);
        }
        return rows / seconds;
    }

    /**
     * The platform's ingest as it runs: readings waiting in the buffer, {@link TelemetryIngest}'s
     * writers COPYing them and keeping the latest states, until the buffer is empty and the
     * latest states are written.
     */
    private static void write(TelemetryStore store, List<Reading> readings, int batch) throws Exception {
        ReadingBuffer buffer = new ReadingBuffer(readings.size());
        readings.forEach(buffer::add);
        TelemetryMetrics metrics = new TelemetryMetrics();
        java.util.concurrent.ExecutorService statusWorker = java.util.concurrent.Executors.newSingleThreadExecutor();
        // every reading answers and every miner is active: the status tracker has nothing to change
        MinerStatusTracker status = new MinerStatusTracker(null, () -> 3, metrics, statusWorker);
        TelemetryIngest ingest = new TelemetryIngest(buffer, store, new LatestStates(), status, (stored, outcomes) -> {
        }, metrics, () -> batch,
                java.time.Clock.systemUTC());
        ingest.start();
        while (buffer.size() > 0) {
            Thread.sleep(5);
        }
        if (ingest.stop(java.time.Duration.ofMinutes(5)) != 0 || metrics.writeFailures.sum() != 0) {
            throw new IllegalStateException("the ingest did not write everything: " + metrics.snapshot(buffer));
        }
        statusWorker.shutdown();
    }

    private static void copyOnly(HikariDataSource pool, List<Reading> readings, int batch) throws Exception {
        try (Connection c = pool.getConnection()) {
            for (int from = 0; from < readings.size(); from += batch) {
                List<StoredReading> rows = new ArrayList<>();
                for (Reading r : readings.subList(from, Math.min(readings.size(), from + batch))) {
                    rows.add(StoredReading.of(r.minerId(), r.siteId(), r.attemptedAt(), r.reading()));
                }
                c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(TelemetryStore.COPY_SQL,
                        new java.io.ByteArrayInputStream(TelemetryStore.encode(rows)), 65_536);
            }
        }
    }

    private static void psqlCopy(TestPostgres.Database database, Path csv) throws Exception {
        URI uri = URI.create(database.url().substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of("psql", "-q", "-h", uri.getHost(), "-p",
                String.valueOf(uri.getPort()), "-d", uri.getPath().substring(1), "-c",
                "\\copy miner_telemetry (miner_id, recorded_at, hashrate, temperature, power_consumption, fan_speed, "
                        + "board_temperatures, chip_temperatures, fan_speeds, flags) FROM '" + csv + "' (FORMAT csv)"));
        if (database.user() != null) {
            command.addAll(List.of("-U", database.user()));
        }
        ProcessBuilder psql = new ProcessBuilder(command).inheritIO();
        if (database.password() != null) {
            psql.environment().put("PGPASSWORD", database.password());
        }
        int exit = psql.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("psql exited with " + exit);
        }
    }

    private static void jpa(EntityManagerFactory emf, List<Reading> readings) {
        new UnitTransactions(emf).run(em -> {
            int n = 0;
            for (Reading r : readings) {
                StoredReading s = StoredReading.of(r.minerId(), r.siteId(), r.attemptedAt(), r.reading());
                em.persist(new MinerTelemetry(s.minerId(), s.recordedAt(), decimal(s.hashrate(), 3),
                        decimal(s.temperature(), 2), decimal(s.power(), 2), s.fanSpeed()));
                if (++n % 1_000 == 0) {
                    em.flush();
                    em.clear();
                }
            }
        });
    }

    private static BigDecimal decimal(Double value, int scale) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(scale, java.math.RoundingMode.HALF_UP);
    }

    /** Miners spread over 10 sites, like the platform registers them. */
    private static long[] fleet(HikariDataSource pool, int miners) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO hosting_sites (name, capacity_mw) SELECT 'site ' || i, 50 FROM generate_series(1, 10) i");
            s.execute("INSERT INTO miner_models (name, manufacturer, hashrate, power_consumption) "
                    + "VALUES ('S19 Pro', 'Bitmain', 110, 3250)");
            s.execute("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id, cgminer_ip) "
                    + "SELECT 'B-' || i, (SELECT min(id) FROM miner_models), (SELECT min(id) FROM hosting_sites) + i % 10, "
                    + "'10.' || (i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256) FROM generate_series(1, "
                    + miners + ") i");
            s.execute("SELECT hashgrid_ensure_telemetry_partitions(1)");
            long[] ids = new long[miners];
            try (ResultSet rs = s.executeQuery("SELECT id, site_id FROM hosting_miners ORDER BY id")) {
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
            return ids;
        }
    }

    /** One reading per miner per minute, the most recent minutes of this month. */
    private static List<Reading> readings(long[] miners, int rows) {
        SplittableRandom random = new SplittableRandom(42);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant monthStart = now.atZone(java.time.ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS)
                .toInstant();
        int minutes = (rows + miners.length - 1) / miners.length;
        Instant first = now.minus(minutes, ChronoUnit.MINUTES);
        if (first.isBefore(monthStart)) {
            first = monthStart; // stay in one month's partition, as a day's ingest does
        }
        List<Reading> readings = new ArrayList<>(rows);
        for (int minute = 0; readings.size() < rows; minute++) {
            Instant at = first.plus(minute, ChronoUnit.MINUTES);
            for (int m = 0; m < miners.length && readings.size() < rows; m++) {
                Instant readAt = at.plusMillis(m % 60_000);
                MinerReading reading = MinerReading.builder(readAt).hashrateThs(100 + random.nextDouble() * 15)
                        .powerW(3_200 + random.nextDouble() * 100)
                        .boardTemperaturesC(List.of(60 + random.nextDouble() * 5, 61 + random.nextDouble() * 5,
                                62 + random.nextDouble() * 5, 63 + random.nextDouble() * 5))
                        .chipTemperaturesC(List.of(75 + random.nextDouble() * 5, 76 + random.nextDouble() * 5,
                                77 + random.nextDouble() * 5))
                        .fanRpms(List.of(5_400 + random.nextInt(200), 5_400 + random.nextInt(200),
                                5_400 + random.nextInt(200), 5_400 + random.nextInt(200)))
                        .build();
                readings.add(Reading.success(miners[m], 1, "active", readAt, reading));
            }
        }
        return readings;
    }

    /** The same rows as the ingest stores them, as CSV for psql. */
    private static Path csv(List<Reading> readings) throws Exception {
        Path file = Files.createTempFile("telemetry-", ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Reading r : readings) {
                StoredReading s = StoredReading.of(r.minerId(), r.siteId(), r.attemptedAt(), r.reading());
                out.write(s.minerId() + "," + s.recordedAt() + "," + fixed(s.hashrate(), 3) + ","
                        + fixed(s.temperature(), 2) + "," + fixed(s.power(), 2) + "," + s.fanSpeed() + ",\""
                        + array(s.boardTemperatures()) + "\",\"" + array(s.chipTemperatures()) + "\",\""
                        + ints(s.fanSpeeds()) + "\"," + s.flags() + "\n");
            }
        }
        return file;
    }

    private static String fixed(Double v, int scale) {
        return v == null ? "" : String.format(Locale.ROOT, "%." + scale + "f", v);
    }

    private static String array(float[] values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i]);
        }
        return b.append('}').toString();
    }

    private static String ints(int[] values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i]);
        }
        return b.append('}').toString();
    }

    private static void setForeignKey(HikariDataSource pool, boolean present) throws Exception {
        execute(pool, "ALTER TABLE miner_telemetry DROP CONSTRAINT IF EXISTS miner_telemetry_miner_id_fk");
        if (present) {
            execute(pool, "ALTER TABLE miner_telemetry ADD CONSTRAINT miner_telemetry_miner_id_fk FOREIGN KEY (miner_id) "
                    + "REFERENCES hosting_miners (id) ON DELETE CASCADE");
        }
    }

    private static void execute(HikariDataSource pool, String sql) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String scalar(HikariDataSource pool, String sql) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
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
