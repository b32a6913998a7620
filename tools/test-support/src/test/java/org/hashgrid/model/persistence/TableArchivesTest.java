package org.hashgrid.model.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives written, read back and verified, restored identically; nothing removed unless verified. */
class TableArchivesTest extends DatabaseTest {
    /** Rows of every kind of value the platform's tables hold, NULLs and non-ASCII text included. */
    private static final String ROWS = "SELECT g, timestamptz '%s' + g * interval '1 minute', "
            + "CASE WHEN g %% 3 = 0 THEN NULL ELSE g * 1.125 END, ARRAY[g::real, 41.5, NULL], "
            + "CASE WHEN g %% 4 = 0 THEN NULL ELSE 'ré ' || g END FROM generate_series(1, %d) g";

    @TempDir
    Path folder;

    @Test
    void aWholeTableIsArchivedVerifiedDroppedAndRestoredIdentically() throws Exception {
        table("whole_things", "2025-01-01", 500);
        executeSql("CREATE TABLE whole_things_expected AS SELECT * FROM whole_things");
        TableArchives archives = new TableArchives(folder);

        Archive archive = archives.archiveAndDrop(db.dataSource(),
                ArchiveSlice.partition("whole_things", "whole_things", YearMonth.of(2025, 1)));

        assertEquals(500, archive.rows());
        assertFalse(exists("whole_things"), "dropped once verified");
        assertEquals(folder.resolve("whole_things"), archive.file().getParent());
        assertTrue(archive.file().getFileName().toString()
                .matches("whole_things_y2025m01\\.\\d{8}T\\d{9}Z\\.pgcopy\\.gz"));
        Archive reopened = TableArchives.open(archive.file());
        assertEquals(archive, reopened, "the manifest holds what was written");
        assertEquals(List.of("id", "at", "v", "tags", "note"), reopened.columns());
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), reopened.to());

        executeSql("CREATE TABLE whole_things_restored (LIKE whole_things_expected)");
        try (Connection c = db.dataSource().getConnection()) {
            assertEquals(500, TableArchives.restore(c, TableArchives.open(archive.manifest()), "whole_things_restored",
                    false));
        }
        assertSame("whole_things_restored", "whole_things_expected");
    }

    @Test
    void aCorruptedArchiveFailsVerificationAndNothingIsRemoved() throws Exception {
        table("corrupt_things", "2025-01-01", 300);
        TableArchives flipping = new TableArchives(folder, TableArchivesTest::flipAByte);

        IOException e = assertThrows(IOException.class, () -> flipping.archiveAndDrop(db.dataSource(),
                ArchiveSlice.partition("corrupt_things", "corrupt_things", YearMonth.of(2025, 1))));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertEquals(300, count("corrupt_things"), "not dropped");
        assertEquals(List.of(), files(), "the failed attempt leaves no archive behind");

        IOException deleting = assertThrows(IOException.class, () -> flipping.archiveAndDelete(db.dataSource(),
                ArchiveSlice.month("corrupt_things", "at", YearMonth.of(2025, 1))));
        assertTrue(deleting.getMessage().contains("corrupt"), deleting.getMessage());
        assertEquals(300, count("corrupt_things"), "not deleted");
    }

    @Test
    void aCorruptedArchiveIsNeverRestored() throws Exception {
        table("damaged_things", "2025-01-01", 50);
        Archive archive = new TableArchives(folder).archiveAndDelete(db.dataSource(),
                ArchiveSlice.month("damaged_things", "at", YearMonth.of(2025, 1)));
        TableArchives.verify(archive);
        flipAByte(archive);

        assertThrows(IOException.class, () -> TableArchives.verify(archive));
        try (Connection c = db.dataSource().getConnection()) {
            assertThrows(IOException.class, () -> TableArchives.restore(c, archive, "damaged_things", false));
        }
        assertEquals(0, count("damaged_things"));
    }

    @Test
    void monthsWhollyBeforeTheCutoffAreArchivedAndDeletedOneByOne() throws Exception {
        table("monthly_things", "2025-01-10", 0);
        insert("monthly_things", "2025-01-10", 40);
        insert("monthly_things", "2025-03-10", 25); // February holds nothing: no archive
        insert("monthly_things", "2025-04-02", 7);
        TableArchives archives = new TableArchives(folder);

        List<Archive> written = archives.archiveAndDeleteMonthsBefore(db.dataSource(), "monthly_things", "at",
                Instant.parse("2025-04-20T00:00:00Z"));

        assertEquals(List.of(40L, 25L), written.stream().map(Archive::rows).toList());
        assertEquals(List.of("monthly_things_y2025m01", "monthly_things_y2025m03"),
                written.stream().map(a -> a.file().getFileName().toString().split("\\.")[0]).toList());
        assertEquals(7, count("monthly_things"), "April is not wholly before the cutoff");
        executeSql("CREATE TABLE monthly_things_expected AS SELECT * FROM monthly_things WHERE false");
        insert("monthly_things_expected", "2025-01-10", 40);
        try (Connection c = db.dataSource().getConnection()) {
            assertEquals(40, TableArchives.restore(c, TableArchives.open(written.get(0).manifest()),
                    "monthly_things_restored", true), "a new table like the archived one");
        }
        assertSame("monthly_things_restored", "monthly_things_expected");
        assertEquals(List.of(), archives.archiveAndDeleteMonthsBefore(db.dataSource(), "monthly_things", "at",
                Instant.parse("2025-04-20T00:00:00Z")), "a second run finds nothing");
    }

    @Test
    void anEmptySliceMakesAnEmptyVerifiedArchive() throws Exception {
        table("empty_things", "2025-01-01", 0);
        Archive archive = new TableArchives(folder).archiveAndDelete(db.dataSource(),
                ArchiveSlice.month("empty_things", "at", YearMonth.of(2025, 1)));
        assertEquals(0, archive.rows());
        TableArchives.verify(archive);
    }

    @Test
    void namesThatAreNotPlainSqlNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArchiveSlice.month("x; DROP TABLE users", "at",
                YearMonth.of(2025, 1)));
        assertThrows(IllegalArgumentException.class, () -> ArchiveSlice.month("things", "\"at\"", YearMonth.of(2025,
                1)));
    }

    private static void flipAByte(Archive archive) {
        try (RandomAccessFile file = new RandomAccessFile(archive.file().toFile(), "rw")) {
            long at = file.length() / 2;
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x10);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static void table(String name, String start, int rows) throws SQLException {
        executeSql("CREATE TABLE " + name + " (id bigint PRIMARY KEY, at timestamptz NOT NULL, v numeric(12,3), "
                + "tags real[], note text)");
        insert(name, start, rows);
    }

    private static void insert(String table, String start, int rows) throws SQLException {
        executeSql("INSERT INTO " + table + " " + String.format(ROWS, start, rows).replace("SELECT g,",
                "SELECT g + (SELECT coalesce(max(id), 0) FROM " + table + "),"));
    }

    private static void assertSame(String table, String expected) throws SQLException {
        assertEquals(count(expected), count(table));
        assertEquals(0, selectLong("SELECT count(*) FROM (SELECT * FROM " + table + " EXCEPT ALL SELECT * FROM "
                + expected + ") d"));
        assertEquals(0, selectLong("SELECT count(*) FROM (SELECT * FROM " + expected + " EXCEPT ALL SELECT * FROM "
                + table + ") d"));
    }

    private static boolean exists(String table) throws SQLException {
        return selectLong("SELECT count(*) FROM pg_class WHERE relname = '" + table + "'") > 0;
    }

    private static long count(String table) throws SQLException {
        return selectLong("SELECT count(*) FROM " + table);
    }

}
