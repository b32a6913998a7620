package org.hashgrid.telemetry.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

import org.apache.karaf.shell.support.CommandException;
import org.hashgrid.model.persistence.Archive;
import org.hashgrid.model.persistence.ArchiveSlice;
import org.hashgrid.model.persistence.TableArchives;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashgrid:archive-restore} into a new table, and its one-line refusals. */
class ArchiveRestoreCommandTest extends DatabaseTest {
    @TempDir
    Path folder;

    @Test
    void anArchiveIsRestoredIntoANewTableAndABrokenOneRestoresNothing() throws Exception {
        executeSql("INSERT INTO site_telemetry_hourly (site_id, bucket, miners, hashrate, power, energy_kwh) "
                + "SELECT 7, timestamptz '2024-02-01 00:00+00' + g * interval '1 hour', 3, 300, 9000, 9 "
                + "FROM generate_series(0, 99) g");
        Archive archive = new TableArchives(folder).archiveAndDelete(db.dataSource(),
                ArchiveSlice.month("site_telemetry_hourly", "bucket", YearMonth.of(2024, 2)));

        ArchiveRestoreCommand command = command(archive.manifest(), "site_hourly_2024_02", true);
        command.execute();
        assertEquals(100, selectLong("SELECT count(*) FROM site_hourly_2024_02 WHERE site_id = 7"));

        ArchiveRestoreCommand again = command(archive.file(), null, false);
        again.execute();
        assertEquals(100, selectLong("SELECT count(*) FROM site_telemetry_hourly"), "into the table it came from");

        CommandException twice = assertThrows(CommandException.class, () -> command(archive.file(), null, false)
                .execute());
        assertTrue(twice.getMessage().startsWith("Nothing restored: "), twice.getMessage());
        assertEquals(100, selectLong("SELECT count(*) FROM site_telemetry_hourly"), "all or nothing");

        Files.writeString(archive.file(), "not an archive");
        CommandException corrupt = assertThrows(CommandException.class, () -> command(archive.manifest(),
                "site_hourly_corrupt", true).execute());
        assertTrue(corrupt.getMessage().contains("SHA-256"), corrupt.getMessage());
        assertEquals(0, selectLong("SELECT count(*) FROM pg_class WHERE relname = 'site_hourly_corrupt'"));
        assertThrows(CommandException.class, () -> command(folder.resolve("x.csv"), null, false).execute());
    }

    private static ArchiveRestoreCommand command(Path archive, String into, boolean create) {
        ArchiveRestoreCommand command = new ArchiveRestoreCommand();
        command.dataSource = db.dataSource();
        command.archive = archive.toString();
        command.into = into;
        command.create = create;
        return command;
    }

}
