package org.hashgrid.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class MinerCommandTest {

    @Test
    void eachActionNeedsItsCapability() {
        assertEquals(DriverCapability.STOP, MinerCommand.stop().action().capability());
        assertEquals(DriverCapability.START, MinerCommand.start().action().capability());
        assertEquals(DriverCapability.RESTART, MinerCommand.restart().action().capability());
        assertEquals(DriverCapability.SET_POWER_LIMIT, MinerCommand.setPowerLimit(3000).action().capability());
    }

    @Test
    void powerLimitBelongsToSetPowerLimitOnly() {
        assertEquals(OptionalInt.of(2800), MinerCommand.setPowerLimit(2800).powerLimitWatts());
        assertEquals("SET_POWER_LIMIT 2800 W", MinerCommand.setPowerLimit(2800).toString());
        assertThrows(IllegalArgumentException.class, () -> MinerCommand.setPowerLimit(0));
        assertThrows(IllegalArgumentException.class,
                () -> new MinerCommand(MinerCommand.Action.STOP, OptionalInt.of(100)));
        assertThrows(IllegalArgumentException.class,
                () -> new MinerCommand(MinerCommand.Action.SET_POWER_LIMIT, OptionalInt.empty()));
    }
}
