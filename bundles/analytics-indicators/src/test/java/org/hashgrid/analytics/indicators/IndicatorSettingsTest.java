package org.hashgrid.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IndicatorSettingsTest {

    @Test
    void defaultsAreTheConventionalOnes() {
        assertEquals(new IndicatorSettings(14, 12, 26, 9, 20, 2.0, 30, 70), IndicatorSettings.DEFAULTS);
    }

    @Test
    void acceptsTheLimits() {
        new IndicatorSettings(1, 1, 2, 1, 2, Double.MIN_VALUE, 0, 100);
        int max = IndicatorSettings.MAX_PERIOD;
        new IndicatorSettings(max, max - 1, max, max, max, 1e6, 99.9, 100);
    }

    static Stream<Arguments> outOfRange() {
        int max = IndicatorSettings.MAX_PERIOD;
        return Stream.of(
                Arguments.of("rsiPeriod", (Supplier<?>) () -> new IndicatorSettings(0, 12, 26, 9, 20, 2, 30, 70)),
                Arguments.of("rsiPeriod", (Supplier<?>) () -> new IndicatorSettings(max + 1, 12, 26, 9, 20, 2, 30, 70)),
                Arguments.of("emaFast", (Supplier<?>) () -> new IndicatorSettings(14, 0, 26, 9, 20, 2, 30, 70)),
                Arguments.of("emaSlow", (Supplier<?>) () -> new IndicatorSettings(14, 12, -26, 9, 20, 2, 30, 70)),
                Arguments.of("emaFast must be less than emaSlow",
                        (Supplier<?>) () -> new IndicatorSettings(14, 26, 26, 9, 20, 2, 30, 70)),
                Arguments.of("emaFast must be less than emaSlow",
                        (Supplier<?>) () -> new IndicatorSettings(14, 26, 12, 9, 20, 2, 30, 70)),
                Arguments.of("macdSignal", (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 0, 20, 2, 30, 70)),
                Arguments.of("bollingerPeriod", (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 1, 2, 30, 70)),
                Arguments.of("bollingerWidth", (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, 0, 30, 70)),
                Arguments.of("bollingerWidth",
                        (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, -2, 30, 70)),
                Arguments.of("bollingerWidth",
                        (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, Double.NaN, 30, 70)),
                Arguments.of("bollingerWidth",
                        (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, Double.POSITIVE_INFINITY, 30, 70)),
                Arguments.of("RSI thresholds", (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, 2, -1, 70)),
                Arguments.of("RSI thresholds",
                        (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, 2, 30, 101)),
                Arguments.of("RSI thresholds", (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, 2, 70, 70)),
                Arguments.of("RSI thresholds", (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, 2, 80, 20)),
                Arguments.of("RSI thresholds",
                        (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, 2, Double.NaN, 70)),
                Arguments.of("RSI thresholds",
                        (Supplier<?>) () -> new IndicatorSettings(14, 12, 26, 9, 20, 2, 30, Double.NaN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void rejectsWhatIsOutOfRangeNamingIt(String named, Supplier<?> settings) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, settings::get);
        assertTrue(e.getMessage().startsWith(named), e.getMessage());
    }
}
