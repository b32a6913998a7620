package org.hashgrid.db.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

class PostgresBinariesTest {

    @Test
    void knowsTheBundledVersion() throws Exception {
        assertTrue(PostgresBinaries.bundled().version().matches("17\\.\\d+\\.\\d+"),
                PostgresBinaries.bundled().version());
    }

    @Test
    void tarModesBecomePosixPermissions() {
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(PostgresBinaries.modeBits(0755)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(PostgresBinaries.modeBits(0100644)));
        assertEquals("rw-------", PosixFilePermissions.toString(PostgresBinaries.modeBits(0600)));
    }

    @Test
    void runsOnLinuxX8664Only() {
        assertTrue(PostgresBinaries.runOn("Linux", "amd64"));
        assertFalse(PostgresBinaries.runOn("Linux", "aarch64"));
        assertFalse(PostgresBinaries.runOn("Mac OS X", "x86_64"));
    }
}
