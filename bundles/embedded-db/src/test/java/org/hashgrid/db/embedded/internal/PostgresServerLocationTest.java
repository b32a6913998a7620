package org.hashgrid.db.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the cluster goes when Karaf runs as root from a folder that nobody cannot reach (e.g. under /root). */
class PostgresServerLocationTest {

    @TempDir
    Path tmp;
    Path fallbackRoot;

    @BeforeEach
    void fallbackRootReachableByAll() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        fallbackRoot = Files.createDirectory(tmp.resolve("var-tmp"));
    }

    private PostgresServer serverWithHomeIn(Path karafData) throws IOException {
        return new PostgresServer(new PostgresBinaries("0", "none.txz"), ServerAccount.forThisProcess(),
                karafData.resolve("postgresql"), karafData.resolve("log/postgresql.log"), fallbackRoot,
                Duration.ofSeconds(10));
    }

    @Test
    void reachableHomeKeepsTheCluster() throws Exception {
        Path karafData = tmp.resolve("karaf/data");
        assertEquals(karafData.resolve("postgresql"), serverWithHomeIn(karafData).locateBase());
    }

    @Test
    void unreachableHomeMovesTheClusterAndLeavesANote() throws Exception {
        assumeTrue(ServerAccount.forThisProcess().isSeparate(), "only a root JVM runs PostgreSQL as another user");
        Path locked = Files.createDirectory(tmp.resolve("rootonly"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        Path karafData = locked.resolve("karaf/data");

        Path base = serverWithHomeIn(karafData).locateBase();

        assertEquals(fallbackRoot, base.getParent());
        assertTrue(base.getFileName().toString().matches("hashgrid-postgresql-[0-9a-f]{12}"), base.toString());
        assertTrue(ServerAccount.forThisProcess().canReach(base));
        assertTrue(Files.readString(karafData.resolve("postgresql/README")).contains(base.toString()));
        // Same Karaf, same place: the name derives from the data folder.
        assertEquals(base, serverWithHomeIn(karafData).locateBase());
        assertFalse(base.equals(serverWithHomeIn(locked.resolve("other/data")).locateBase()));
    }

    @Test
    void refusesAFallbackFolderPlantedAsASymlink() throws Exception {
        assumeTrue(ServerAccount.forThisProcess().isSeparate(), "only a root JVM runs PostgreSQL as another user");
        Path locked = Files.createDirectory(tmp.resolve("rootonly"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        Path karafData = locked.resolve("karaf/data");
        Path base = serverWithHomeIn(karafData).locateBase();
        Files.delete(base);
        Files.createSymbolicLink(base, Files.createDirectory(tmp.resolve("elsewhere")));

        assertThrows(IOException.class, () -> serverWithHomeIn(karafData).locateBase());
    }
}
