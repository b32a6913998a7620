package org.hashgrid.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.testing.Configs;
import org.junit.jupiter.api.Test;

/** Event type patterns and the retry schedule. */
class EventTypeFilterTest {

    @Test
    void patternsMatchExactTypesPrefixesAndEverything() {
        EventTypeFilter filter = EventTypeFilter.parse(List.of("miner.*", "alert.raised"));
        assertTrue(filter.matches("miner.status_changed"));
        assertTrue(filter.matches("miner.action.approved"));
        assertTrue(filter.matches("alert.raised"));
        assertFalse(filter.matches("alert.cleared"));
        assertFalse(filter.matches("miners.created"));
        assertTrue(EventTypeFilter.parse(List.of("alert.raised", "*")).matches("plan.executed"));
        assertEquals(List.of("*"), EventTypeFilter.parse(List.of()).patterns());
        assertEquals(filter, EventTypeFilter.stored(filter.stored()));
        for (String bad : new String[] { "miner", "*.created", "miner.*.*", "Miner.created", "miner..x", " " }) {
            assertThrows(IllegalArgumentException.class, () -> EventTypeFilter.parse(List.of(bad)), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> EventTypeFilter.parse(Collections.nCopies(51, "miner.created")));
    }

    @Test
    void retriesDoubleUpToTheCapWithJitter() {
        EventsSettings settings = ConfigCheck.apply(EventsConfig.PID, EventsConfig.class,
                Configs.of(EventsConfig.class, Map.of()), null, EventsSettings::read, message -> {
                    throw new AssertionError(message);
                });
        assertEquals(Duration.ofSeconds(30), settings.backoff(1, 0.5));
        assertEquals(Duration.ofSeconds(60), settings.backoff(2, 0.5));
        assertEquals(Duration.ofSeconds(24), settings.backoff(1, 0));
        assertEquals(Duration.ofSeconds(36), settings.backoff(1, 1));
        assertEquals(Duration.ofHours(6), settings.backoff(12, 0.5));
        assertEquals(Duration.ofHours(6), settings.backoff(63, 0.5));
    }
}
