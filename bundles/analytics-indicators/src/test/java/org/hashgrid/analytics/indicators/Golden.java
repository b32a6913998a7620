package org.hashgrid.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/** Comparison of computed series with published reference columns. */
final class Golden {
    private Golden() {
    }

    /**
     * Asserts that {@code column} is empty before {@code firstIndex} and, from there, equals
     * {@code expected} after rounding to {@code decimals} places, the rounding the source applied:
     * |computed − published| ≤ half a unit of the last published place.
     */
    static void assertColumn(String name, List<IndicatorValues> values,
            Function<IndicatorValues, OptionalDouble> column,
            int firstIndex, int decimals, double... expected) {
        assertEquals(firstIndex + expected.length, values.size(), name + ": reference rows");
        double halfUnit = 0.5 * Math.pow(10, -decimals) + 1e-12;
        for (int i = 0; i < values.size(); i++) {
            OptionalDouble computed = column.apply(values.get(i));
            if (i < firstIndex) {
                assertTrue(computed.isEmpty(), name + "[" + i + "] must be empty while the history is too short");
                continue;
            }
            double published = expected[i - firstIndex];
            assertTrue(computed.isPresent(), name + "[" + i + "] must be known");
            double value = computed.getAsDouble();
            assertTrue(Math.abs(value - published) <= halfUnit,
                    name + "[" + i + "] = " + value + ", published " + published + " (to " + decimals + " decimals)");
        }
    }
}
