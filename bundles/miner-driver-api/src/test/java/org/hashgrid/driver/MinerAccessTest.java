package org.hashgrid.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MinerAccessTest {

    private static final MinerEndpoint API = new MinerEndpoint("10.0.0.7", 4028);

    @Test
    void theControlPortDefaultsToTheFirmwaresOwn() {
        assertEquals(new MinerEndpoint("10.0.0.7", 80), MinerAccess.of(API).controlEndpoint(80));
        assertEquals(new MinerEndpoint("10.0.0.7", 8080),
                MinerAccess.of(API).withControlPort(8080).controlEndpoint(80));
        assertThrows(IllegalArgumentException.class, () -> MinerAccess.of(API).withControlPort(70000));
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        MinerAccess access = MinerAccess.of(API).withCredentials(new MinerCredentials("root", "s3cret-Pw"));
        assertFalse(access.toString().contains("s3cret-Pw"), access.toString());
        assertFalse(access.credentials().orElseThrow().toString().contains("s3cret-Pw"));
    }

    @Test
    void aModeCommandTakesAHashingMode() {
        assertEquals("SET_MODE LOW_POWER", MinerCommand.setMode(MinerMode.LOW_POWER).toString());
        assertThrows(IllegalArgumentException.class, () -> MinerCommand.setMode(MinerMode.SLEEP));
        assertThrows(IllegalArgumentException.class,
                () -> new MinerCommand(MinerCommand.Action.STOP, java.util.OptionalInt.empty(),
                        java.util.Optional.of(MinerMode.NORMAL)));
    }
}
