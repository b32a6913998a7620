package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.hashgrid.model.persistence.Archive;
import org.hashgrid.model.persistence.TableArchives;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw partitions archived, verified and dropped only when wholly older than the retention and
 * rolled up; detached leftovers taken up again; rollups archived by month; live configuration.
 */
class TelemetryRetentionTest extends DatabaseTest {
    /** Raw cutoff 2025-03-17 (90 days), hourly cutoff 2023-06-16 (730 days). */
    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    @TempDir
    static Path folder;
    private static TelemetryRetention retention;

    @BeforeAll
    static void start() {
        retention = new TelemetryRetention(config(Map.of()), db.dataSource());
    }

    @AfterAll
    static void stop() {
        retention.close();
    }

    @BeforeEach
    void defaults() {
        retention.modified(config(Map.of()));
    }

    @Test
    void aPartitionWhollyOlderAndRolledUpIsArchivedVerifiedDroppedAndRestoresIdentically() throws Exception {
        partition(YearMonth.of(2025, 2), 1_000);
        partition(YearMonth.of(2025, 3), 10); // ends 1 April: not wholly older than 90 days
        executeSql("CREATE TABLE raw_expected AS SELECT * FROM miner_telemetry_y2025m02");
        watermark(NOW);

        List<Archive> raw = raw(retention.run(NOW));

        assertEquals(1, raw.size());
        Archive archive = raw.get(0);
        assertEquals(1_000, archive.rows());
        assertEquals("miner_telemetry_y2025m02", archive.source());
        assertEquals(folder.resolve("miner_telemetry"), archive.file().getParent());
        assertFalse(exists("miner_telemetry_y2025m02"), "dropped");
        assertEquals(10, count("miner_telemetry_y2025m03"));
        TableArchives.verify(TableArchives.open(archive.manifest()));

        // into a fresh table: the rows come back identical
        try (Connection c = db.dataSource().getConnection()) {
            assertEquals(1_000, TableArchives.restore(c, TableArchives.open(archive.file()), "raw_restored", true));
        }
        assertEquals(1_000, count("raw_restored"));
        assertEquals(0,
                selectLong(
                        "SELECT count(*) FROM (SELECT * FROM raw_restored EXCEPT ALL SELECT * FROM raw_expected) d"));
        assertEquals(0,
                selectLong(
                        "SELECT count(*) FROM (SELECT * FROM raw_expected EXCEPT ALL SELECT * FROM raw_restored) d"));

        // into its partition again: still older than the retention, so the next run archives it again
        partition(YearMonth.of(2025, 2), 0);
        try (Connection c = db.dataSource().getConnection()) {
            assertEquals(1_000, TableArchives.restore(c, archive, "miner_telemetry", false));
        }
        assertEquals(1_000, selectLong("SELECT count(*) FROM miner_telemetry WHERE recorded_at < '2025-03-01'"));
        List<Archive> again = raw(retention.run(NOW));
        assertEquals(List.of(1_000L), again.stream().map(Archive::rows).toList());
        assertTrue(Files.exists(archive.file()), "an archive is never replaced");
        executeSql("DROP TABLE miner_telemetry_y2025m03");
    }

    @Test
    void theRollupWatermarkHoldsBackAPartitionNotYetRolledUp() throws Exception {
        partition(YearMonth.of(2025, 1), 100);
        watermark(Instant.parse("2025-01-31T23:00:00Z"));
        assertEquals(List.of(), raw(retention.run(NOW)));
        assertEquals(100, count("miner_telemetry_y2025m01"));
        assertTrue(attached("miner_telemetry_y2025m01"));

        watermark(Instant.parse("2025-02-01T00:00:00Z"));
        assertEquals(1, raw(retention.run(NOW)).size());
        assertFalse(exists("miner_telemetry_y2025m01"));
    }

    @Test
    void aPartitionLeftDetachedIsTakenUpAgainAndNeverDroppedUnarchived() throws Exception {
        partition(YearMonth.of(2024, 12), 200);
        watermark(NOW);
        Path notAFolder = Files.createFile(folder.resolve("not-a-folder"));
        retention.modified(config(Map.of("archive_dir", notAFolder.toString())));

        for (int run = 0; run < 2; run++) {
            assertEquals(List.of(), raw(retention.run(NOW)));
            assertEquals(200, count("miner_telemetry_y2024m12"), "kept");
            assertFalse(attached("miner_telemetry_y2024m12"), "detached, waiting for an archive");
        }

        retention.modified(config(Map.of()));
        assertEquals(List.of(200L), raw(retention.run(NOW)).stream().map(Archive::rows).toList());
        assertFalse(exists("miner_telemetry_y2024m12"));
    }

    @Test
    void rollupsOlderThanTheirRetentionAreArchivedByMonthAndDailyOnesKeptForever() throws Exception {
        hourly("2023-05-10", 48);
        hourly("2023-06-20", 24); // the cutoff 2023-06-16 is inside June: kept
        executeSql("INSERT INTO site_telemetry_hourly (site_id, bucket, miners, hashrate, power, energy_kwh) "
                + "SELECT 1, timestamptz '2023-05-31 00:00+00' + g * interval '1 hour', 2, 200, 6000, 6 "
                + "FROM generate_series(0, 23) g");
        executeSql("INSERT INTO miner_telemetry_daily (miner_id, bucket, samples, seconds_online) "
                + "VALUES (1, '2020-01-01 00:00+00', 1440, 86400)");
        watermark(NOW);

        retention.modified(config(Map.of("hourly_retention_days", 0)));
        assertEquals(List.of(), rollups(retention.run(NOW)), "0 keeps forever");

        retention.modified(config(Map.of()));
        List<Archive> archived = rollups(retention.run(NOW));

        assertEquals(List.of("miner_telemetry_hourly:48", "site_telemetry_hourly:24"),
                archived.stream().map(a -> a.table() + ":" + a.rows()).toList());
        assertEquals(24, count("miner_telemetry_hourly"));
        assertEquals(0, count("site_telemetry_hourly"));
        assertEquals(1, count("miner_telemetry_daily"));
        for (Archive a : archived) {
            assertEquals(Instant.parse("2023-05-01T00:00:00Z"), a.from());
            TableArchives.verify(TableArchives.open(a.manifest()));
        }
    }

    @Test
    void configurationChangesLiveAndAnInvalidValueIsRefused() {
        TelemetryRetention.Settings applied = retention.settings();
        assertEquals(Duration.ofDays(90), applied.raw());
        assertEquals(Duration.ofDays(730), applied.hourly());
        assertEquals(Duration.ZERO, applied.daily());
        assertEquals(24, applied.intervalHours());

        retention.modified(config(Map.of("raw_retention_days", 30, "daily_retention_days", 3650, "archive_dir",
                "cold")));
        assertEquals(new TelemetryRetention.Settings(Duration.ofDays(30), Duration.ofDays(730),
                Duration.ofDays(3650), 24, TableArchives.directory("cold")), retention.settings());

        TelemetryRetention.Settings before = retention.settings();
        retention.modified(config(Map.of("raw_retention_days", 0)));
        assertEquals(before, retention.settings(), "refused: the previous values stay");
        retention.modified(config(Map.of("hourly_retention_days", -1, "interval_hours", 0)));
        assertEquals(before, retention.settings());

        TelemetryRetention refusedAtStart =
                new TelemetryRetention(config(Map.of("raw_retention_days", 0)), db.dataSource());
        try {
            assertEquals(Duration.ofDays(90), refusedAtStart.settings().raw(), "the defaults apply");
            assertEquals(TableArchives.directory(""), refusedAtStart.settings().archiveDir());
        } finally {
            refusedAtStart.close();
        }
    }

    private static TelemetryRetentionConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("archive_dir", folder.toString()));
        values.putAll(overrides);
        return Configs.of(TelemetryRetentionConfig.class, values);
    }

    private static List<Archive> raw(List<Archive> archives) {
        return archives.stream().filter(a -> a.table().equals("miner_telemetry")).toList();
    }

    private static List<Archive> rollups(List<Archive> archives) {
        return archives.stream().filter(a -> !a.table().equals("miner_telemetry")).toList();
    }

    /** The month's partition, with {@code rows} readings (NULLs and arrays included) through the parent. */
    private static void partition(YearMonth month, int rows) throws SQLException {
        executeSql(String.format(
                "CREATE TABLE miner_telemetry_y%dm%02d PARTITION OF miner_telemetry FOR VALUES FROM ('%s') "
                        + "TO ('%s')",
                month.getYear(), month.getMonthValue(), month.atDay(1) + " 00:00:00+00",
                month.plusMonths(1).atDay(1) + " 00:00:00+00"));
        executeSql(
                "INSERT INTO miner_telemetry (miner_id, hashrate, temperature, power_consumption, fan_speed, recorded_at, "
                        + "board_temperatures, chip_temperatures, fan_speeds, flags) SELECT 1 + g % 7, g * 0.125, 60 + g % 20, "
                        + "3000 + g, CASE WHEN g % 5 = 0 THEN NULL ELSE 4000 + g END, timestamptz '" + month.atDay(1)
                        + " 00:00:00+00' + g * interval '1 minute', ARRAY[55.5, 60.25]::real[], NULL, ARRAY[4000, 4100], "
                        + "(g % 3)::smallint FROM generate_series(1, " + rows + ") g");
    }

    private static void hourly(String day, int hours) throws SQLException {
        executeSql(
                "INSERT INTO miner_telemetry_hourly (miner_id, bucket, samples, hashrate_avg, seconds_online, energy_kwh) "
                        + "SELECT 1, timestamptz '" + day + " 00:00+00' + g * interval '1 hour', 60, 100, 3600, 3 "
                        + "FROM generate_series(0, " + (hours - 1) + ") g");
    }

    private static void watermark(Instant at) throws SQLException {
        executeSql("INSERT INTO telemetry_rollup_state (name, rolled_until) VALUES ('hourly', '" + at + "') "
                + "ON CONFLICT (name) DO UPDATE SET rolled_until = EXCLUDED.rolled_until");
    }

    private static boolean exists(String table) throws SQLException {
        return selectLong("SELECT count(*) FROM pg_class WHERE relname = '" + table + "'") > 0;
    }

    private static boolean attached(String table) throws SQLException {
        return selectLong("SELECT count(*) FROM pg_inherits WHERE inhrelid = '" + table + "'::regclass "
                + "AND inhparent = 'miner_telemetry'::regclass") > 0;
    }

    private static long count(String table) throws SQLException {
        return selectLong("SELECT count(*) FROM " + table);
    }

}
