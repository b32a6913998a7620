package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hashgrid.analytics.MarketSnapshot;

/** Market series for the tests: a deterministic wave around a trend, every 15 minutes. */
final class MarketData {
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(15);

    private MarketData() {
    }

    static BigDecimal price(int i) {
        double p = 60_000 + 20 * i + 1_500 * Math.sin(i / 7.0) + 400 * Math.cos(i / 2.3);
        return BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_EVEN);
    }

    static MarketSnapshot snapshot(int i) {
        return new MarketSnapshot(START.plus(STEP.multipliedBy(i)), price(i), new BigDecimal("650.125"),
                new BigDecimal("109780000000000.00"), new BigDecimal("3.125"), new BigDecimal("0.05"),
                new BigDecimal("25000000000.00"));
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), labelled like JSON elements. */
    static List<MarketRow> rows(int from, int to) {
        List<MarketRow> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(new MarketRow("[" + (i - from) + "].", snapshot(i)));
        }
        return rows;
    }
}
