package org.hashgrid.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;

/**
 * The cost of a point: the state of a series does not grow with its history (checked on its
 * structure, not by timing), and a backfill of 100,000 points stays far inside the budget
 * of 1 s for backfill and storage together.
 */
class IndicatorCostTest {

    /** Elements the series holds, counting array slots, through every object it reaches. */
    private static int stateSize(Object object) throws IllegalAccessException {
        int size = 1;
        for (Class<?> type = object.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(object);
                if (value == null) {
                    continue;
                }
                if (value.getClass().isArray()) {
                    size += Array.getLength(value);
                } else {
                    assertTrue(value.getClass().getPackageName().equals(IndicatorSeries.class.getPackageName()),
                            "the series reaches only its own state, not " + value.getClass());
                    size += stateSize(value);
                }
            }
        }
        return size;
    }

    @Test
    void stateDoesNotGrowWithHistory() throws IllegalAccessException {
        double[] prices = IndicatorSeriesTest.btcWalk(100_000, 7);
        IndicatorSeries series = new IndicatorSeries(IndicatorSettings.DEFAULTS);
        for (int i = 0; i < 100; i++) {
            series.next(prices[i]);
        }
        int after100 = stateSize(series);
        for (int i = 100; i < prices.length; i++) {
            series.next(prices[i]);
        }
        assertEquals(after100, stateSize(series));
        assertEquals(IndicatorSettings.DEFAULTS.bollingerPeriod() + 7, after100,
                "the Bollinger window and the objects that make up the series");
    }

    /**
     * CPU time of the computing thread, after a warm-up, against the whole budget: the
     * computation measures a few milliseconds (README), so only a pathological regression (or an
     * O(n) step per point, ~10⁵ times slower) reaches 1 s.
     */
    @Test
    void aHundredThousandPointBackfillStaysInsideTheBudget() {
        double[] prices = IndicatorSeriesTest.btcWalk(100_000, 8);
        IndicatorSeries.backfill(prices, IndicatorSettings.DEFAULTS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        int size = IndicatorSeries.backfill(prices, IndicatorSettings.DEFAULTS).size();
        long cpuNanos = threads.getCurrentThreadCpuTime() - start;
        assertEquals(prices.length, size);
        assertTrue(cpuNanos < 1_000_000_000L, "backfill of 100,000 points took " + cpuNanos / 1_000_000 + " ms CPU");
    }
}
