package org.hashgrid.hosting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hashgrid.model.persistence.Archive;
import org.hashgrid.model.persistence.TableArchives;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operation log entries of months older than a year archived, verified, then deleted; newer ones kept. */
class OperationLogRetentionTest extends DatabaseTest {
    /** Cutoff 2024-06-15 (365 days): April and May 2024 go, June 2024 stays. */
    private static final Instant NOW = Instant.parse("2025-06-14T12:00:00Z");

    @TempDir
    static Path folder;
    private static OperationLogRetention retention;

    @BeforeAll
    static void start() {
        retention = new OperationLogRetention(config(Map.of()), db.dataSource());
    }

    @AfterAll
    static void stop() {
        retention.close();
    }

    @Test
    void monthsOlderThanTheRetentionAreArchivedThenDeletedAndNewerEntriesKept() throws Exception {
        entries("2024-04-03", 2);
        entries("2024-05-30", 3);
        entries("2024-06-10", 4); // older than 365 days, but June is not wholly older
        entries("2025-06-01", 5);
        executeSql("CREATE TABLE log_expected AS SELECT * FROM miner_operation_log WHERE \"timestamp\" < '2024-05-01'");

        List<Archive> archives = retention.run(NOW);

        assertEquals(List.of(2L, 3L), archives.stream().map(Archive::rows).toList());
        assertEquals(List.of("miner_operation_log_y2024m04", "miner_operation_log_y2024m05"),
                archives.stream().map(a -> a.file().getFileName().toString().split("\\.")[0]).toList());
        assertEquals(0, selectLong("SELECT count(*) FROM miner_operation_log WHERE \"timestamp\" < '2024-06-01'"));
        assertEquals(9, selectLong("SELECT count(*) FROM miner_operation_log"));
        assertEquals(List.of(), retention.run(NOW), "nothing left to archive");

        try (Connection c = db.dataSource().getConnection()) {
            assertEquals(2, TableArchives.restore(c, TableArchives.open(archives.get(0).manifest()), "log_restored",
                    true));
        }
        assertEquals(0, selectLong("SELECT count(*) FROM (SELECT * FROM log_restored EXCEPT ALL "
                + "SELECT * FROM log_expected) d"));
        assertEquals(2, selectLong("SELECT count(*) FROM log_restored"));
    }

    @Test
    void configurationChangesLiveAndAnInvalidValueIsRefused() {
        assertEquals(Duration.ofDays(365), retention.settings().retention());
        retention.modified(config(Map.of("retention_days", 730, "interval_hours", 12)));
        OperationLogRetention.Settings applied = retention.settings();
        assertEquals(new OperationLogRetention.Settings(Duration.ofDays(730), 12, folder), applied);
        retention.modified(config(Map.of("retention_days", 0)));
        assertEquals(applied, retention.settings(), "refused: the previous values stay");
        retention.modified(config(Map.of()));
    }

    private static OperationLogRetention.Config config(Map<String, Object> overrides) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("archive_dir", folder.toString()));
        values.putAll(overrides);
        return Configs.of(OperationLogRetention.Config.class, values);
    }

    private static void entries(String day, int count) throws SQLException {
        executeSql("INSERT INTO miner_operation_log (miner_id, operation, performed_by, details, \"timestamp\") "
                + "SELECT NULL, 'restart', NULL, 'entry ' || g || ' of " + day + "', timestamptz '" + day
                + " 08:00+00' + g * interval '1 minute' FROM generate_series(1, " + count + ") g");
    }

}
