package org.hashgrid.telemetry.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.hashgrid.telemetry.internal.TelemetryMetrics;
import org.hashgrid.telemetry.internal.TelemetrySettings;
import org.junit.jupiter.api.Test;

class TelemetryStatsCommandTest {
    @Test
    void printsEveryCounterAndWhyWritesFail() {
        TelemetryMetrics.Snapshot m = new TelemetryMetrics.Snapshot(120, 3, 1, 40, 117, 2, 5, 7, 1, 4, 812, 123,
                Instant.parse("2026-11-30T12:00:00Z"), Instant.parse("2026-11-30T12:00:01Z"), "SQLException: refused",
                35);
        TelemetrySettings settings = new TelemetrySettings(true, Duration.ofSeconds(60), 2_000, Duration.ofSeconds(10),
                3, 1_000_000, 20_000, Duration.ofMinutes(5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TelemetryStatsCommand.print(m, settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String expected : new String[] { "every 60 s", "reads answered", "120", "117", "dropped", "7 (1)",
            "812 ms, 123 miners", "failing: SQLException: refused" }) {
            assertTrue(out.contains(expected), expected + " in\n" + out);
        }
    }
}
