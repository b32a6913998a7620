package org.hashgrid.db.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerAccountTest {

    @TempDir
    Path tmp;

    private static String output(ServerAccount account, Path log, String... command) throws Exception {
        Files.deleteIfExists(log);
        assertEquals(0, account.run(List.of(command), Path.of("/"), log, Duration.ofSeconds(10)));
        return Files.readString(log);
    }

    @Test
    void rootRunsTheServerAsNobodyAndOthersAsThemselves() throws Exception {
        ServerAccount account = ServerAccount.forThisProcess();
        boolean root = "root".equals(System.getProperty("user.name"));
        assertEquals(root, account.isSeparate());
        assertEquals(root ? "nobody" : System.getProperty("user.name"), account.name());
        assertEquals(account.name() + "\n", output(account, tmp.resolve("out"), "id", "-un"));
    }

    @Test
    void suFallbackPassesArgumentsVerbatim() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "su switches users without a password only for root");
        Optional<Path> su = ServerAccount.executable("su");
        assumeTrue(su.isPresent());
        ServerAccount viaSu = ServerAccount.unprivileged(Optional.empty(), su);
        String tricky = "it's \"$HOME\" `id` ; * \\";
        assertEquals("nobody|" + tricky,
                output(viaSu, tmp.resolve("out"), "sh", "-c", "printf '%s|%s' \"$(id -un)\" \"$1\"", "sh", tricky));
    }

    @Test
    void reachabilityFollowsTheFolderModes() throws Exception {
        ServerAccount account = ServerAccount.forThisProcess();
        assumeTrue(account.isSeparate(), "the JVM's own user can reach its own folders");
        Path dir = Files.createDirectories(tmp.resolve("a/b"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
        assertFalse(account.canReach(dir));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(account.canReach(dir));
    }
}
