package org.hashgrid.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndicatorSeriesTest {

    /** A BTC-like random walk at 15-minute steps: positive, around 60,000 USD. */
    static double[] btcWalk(int points, long seed) {
        Random random = new Random(seed);
        double[] prices = new double[points];
        double price = 60_000;
        for (int i = 0; i < points; i++) {
            price = Math.max(1_000, price * (1 + random.nextGaussian() * 0.003));
            prices[i] = Math.round(price * 100) / 100.0;
        }
        return prices;
    }

    private static void assertFirstKnownAt(List<IndicatorValues> values, String name,
            Function<IndicatorValues, OptionalDouble> column, int point) {
        for (int i = 0; i < values.size(); i++) {
            OptionalDouble value = column.apply(values.get(i));
            assertEquals(i + 1 >= point, value.isPresent(), name + " at point " + (i + 1));
        }
    }

    @Test
    void valuesAreEmptyWhileTheHistoryIsTooShortNeverZero() {
        List<IndicatorValues> values = IndicatorSeries.backfill(btcWalk(40, 1), IndicatorSettings.DEFAULTS);
        assertFirstKnownAt(values, "emaFast", IndicatorValues::emaFast, 12);
        assertFirstKnownAt(values, "emaSlow", IndicatorValues::emaSlow, 26);
        assertFirstKnownAt(values, "macd", IndicatorValues::macd, 26);
        assertFirstKnownAt(values, "macdSignal", IndicatorValues::macdSignal, 34);
        assertFirstKnownAt(values, "macdHistogram", IndicatorValues::macdHistogram, 34);
        assertFirstKnownAt(values, "bollingerUpper", IndicatorValues::bollingerUpper, 20);
        assertFirstKnownAt(values, "bollingerMiddle", IndicatorValues::bollingerMiddle, 20);
        assertFirstKnownAt(values, "bollingerLower", IndicatorValues::bollingerLower, 20);
        assertFirstKnownAt(values, "rsi", IndicatorValues::rsi, 15);
    }

    @Test
    void theFirstPointKnowsNothing() {
        IndicatorValues first = new IndicatorSeries(IndicatorSettings.DEFAULTS).next(100);
        assertEquals(new IndicatorValues(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Signal.NEUTRAL), first);
    }

    @Test
    void aFlatMarketIsNeutralAndHasNoWidth() {
        IndicatorValues last = last(IndicatorSeries.backfill(constant(100, 60), IndicatorSettings.DEFAULTS));
        assertEquals(50, last.rsi().getAsDouble(), "no gain and no loss: RSI 50");
        assertEquals(0, last.macd().getAsDouble());
        assertEquals(0, last.macdHistogram().getAsDouble());
        assertEquals(100, last.bollingerUpper().getAsDouble());
        assertEquals(100, last.bollingerMiddle().getAsDouble());
        assertEquals(100, last.bollingerLower().getAsDouble());
        assertEquals(Signal.NEUTRAL, last.signal());
    }

    @Test
    void aSteadyRiseIsOverboughtAndASteadyFallOversold() {
        double[] rising = new double[40];
        double[] falling = new double[40];
        for (int i = 0; i < 40; i++) {
            rising[i] = 100 + i;
            falling[i] = 100 - i;
        }
        IndicatorValues top = last(IndicatorSeries.backfill(rising, IndicatorSettings.DEFAULTS));
        assertEquals(100, top.rsi().getAsDouble(), "no loss: RSI 100");
        assertEquals(Signal.SELL, top.signal());
        IndicatorValues bottom = last(IndicatorSeries.backfill(falling, IndicatorSettings.DEFAULTS));
        assertEquals(0, bottom.rsi().getAsDouble(), "no gain: RSI 0");
        assertEquals(Signal.BUY, bottom.signal());
    }

    /**
     * On the SPY series of {@link StockIndicatorsCrossCheckTest} the published histogram turns
     * from 0.1072 to −0.0397 at point 44 (RSI 64.1): MACD crosses below there; its published RSI
     * is at or above 70 at points 28 to 42 and never at or below 30, and MACD never crosses above.
     */
    @Test
    void signalsFollowTheRuleOnARealSeries() {
        List<IndicatorValues> values = IndicatorSeries.backfill(StockIndicatorsCrossCheckTest.SPY_2017_CLOSES,
                IndicatorSettings.DEFAULTS);
        List<Integer> sells = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            assertTrue(values.get(i).signal() != Signal.BUY, "no BUY reason at point " + (i + 1));
            if (values.get(i).signal() == Signal.SELL) {
                sells.add(i + 1);
            }
        }
        assertEquals(List.of(28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 44), sells);
    }

    @ParameterizedTest
    @ValueSource(doubles = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, -1,
        -Double.MIN_VALUE })
    void rejectsWhatIsNoPriceAndLosesNothing(double bad) {
        double[] prices = btcWalk(50, 2);
        IndicatorSeries series = new IndicatorSeries(IndicatorSettings.DEFAULTS);
        List<IndicatorValues> values = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            if (i % 10 == 5) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> series.next(bad));
                assertTrue(e.getMessage().contains("finite and > 0"), e.getMessage());
            }
            values.add(series.next(prices[i]));
        }
        assertEquals(prices.length, series.count());
        assertEquals(IndicatorSeries.backfill(prices, IndicatorSettings.DEFAULTS), values);
    }

    @Test
    void backfillNamesTheFirstBadPrice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndicatorSeries.backfill(new double[] { 1, 2, Double.NaN, -1 }, IndicatorSettings.DEFAULTS));
        assertTrue(e.getMessage().startsWith("prices[2]: price must be finite and > 0"), e.getMessage());
    }

    @Test
    void backfillEqualsIncrementalPointByPoint() {
        double[] prices = btcWalk(5_000, 3);
        List<IndicatorValues> backfilled = IndicatorSeries.backfill(prices, IndicatorSettings.DEFAULTS);
        IndicatorSeries series = new IndicatorSeries(IndicatorSettings.DEFAULTS);
        assertEquals(prices.length, backfilled.size());
        for (int i = 0; i < prices.length; i++) {
            assertEquals(backfilled.get(i), series.next(prices[i]), "point " + (i + 1));
            assertEquals(i + 1, series.count());
        }
        assertTrue(backfilled.stream().anyMatch(v -> v.signal() == Signal.BUY));
        assertTrue(backfilled.stream().anyMatch(v -> v.signal() == Signal.SELL));
    }

    @Test
    void backfillOfNothingIsEmptyAndTheListIsReadOnly() {
        assertTrue(IndicatorSeries.backfill(new double[0], IndicatorSettings.DEFAULTS).isEmpty());
        List<IndicatorValues> values = IndicatorSeries.backfill(new double[] { 1 }, IndicatorSettings.DEFAULTS);
        assertThrows(UnsupportedOperationException.class, () -> values.remove(0));
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> new IndicatorSeries(null));
        assertThrows(NullPointerException.class, () -> IndicatorSeries.backfill(null, IndicatorSettings.DEFAULTS));
        assertThrows(NullPointerException.class, () -> IndicatorSeries.backfill(new double[] { 1 }, null));
    }

    @Test
    void bandsAreOrderedAndRsiBounded() {
        for (IndicatorValues v : IndicatorSeries.backfill(btcWalk(2_000, 4), IndicatorSettings.DEFAULTS)) {
            if (v.rsi().isPresent()) {
                double rsi = v.rsi().getAsDouble();
                assertFalse(rsi < 0 || rsi > 100, "RSI " + rsi);
            }
            if (v.bollingerMiddle().isPresent()) {
                assertTrue(v.bollingerLower().getAsDouble() <= v.bollingerMiddle().getAsDouble());
                assertTrue(v.bollingerMiddle().getAsDouble() <= v.bollingerUpper().getAsDouble());
            }
        }
    }

    static double[] constant(double price, int points) {
        double[] prices = new double[points];
        Arrays.fill(prices, price);
        return prices;
    }

    private static IndicatorValues last(List<IndicatorValues> values) {
        return values.get(values.size() - 1);
    }
}
