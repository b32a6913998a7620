package org.hashgrid.hosting.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.hashgrid.driver.BoardReading;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.PoolReading;
import org.junit.jupiter.api.Test;

class LiveReadingTest {

    @Test
    void carriesBoardsPoolsAndIdentityAndNullsWhatIsMissing() {
        MinerReading reading = MinerReading.builder(Instant.parse("2026-12-01T00:00:00Z")).hashrateThs(99.8)
                .boards(List.of(BoardReading.of(1).withHashrateThs(33.3).withTemperatures(List.of(52.0, 58.0),
                        List.of(66.0, 81.0)).withChips(126, 1)))
                .pools(List.of(PoolReading.of(0, "stratum+tcp://a:3333").withStatus("Alive").withPriority(0)
                        .withActive(true).withShares(1800, 4, 1)))
                .firmwareName("Whatsminer").macAddress("C4:0B:11:00:2A:5F").mode(MinerMode.LOW_POWER)
                .powerLimitW(3600).psuFanRpm(6240).errors(List.of("error code 531")).build();
        LiveReading live = LiveReading.of(7, "cgminer", reading);
        LiveBoard board = live.boards().get(0);
        assertEquals(List.of(66.0, 81.0), board.chipTemperatures());
        assertEquals(1, board.failedChips());
        assertNull(board.nominalHashrate());
        assertNull(board.hardwareErrors());
        LivePool pool = live.pools().get(0);
        assertEquals("Alive", pool.status());
        assertEquals(1L, pool.stale());
        assertNull(pool.user());
        assertEquals("low_power", live.mode());
        assertEquals(3600.0, live.powerLimit());
        assertEquals(6240, live.psuFanSpeed());
        assertEquals("C4:0B:11:00:2A:5F", live.macAddress());
        assertEquals(List.of("error code 531"), live.errors());
        assertEquals(81.0, live.maxTemperature(), "the hottest chip sensor");
        assertNull(live.firmwareVersion());
        assertTrue(live.missing().contains("firmware_version"));
    }
}
