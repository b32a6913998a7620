package org.hashgrid.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Bollinger bands at BTC prices keep their digits over a long series: checked against exact
 * decimal arithmetic. A running sum of squares (about 7·10¹⁰ here) would lose the deviation's last
 * digits and drift as prices enter and leave the window.
 */
class BollingerPrecisionTest {
    private static final MathContext EXACT = MathContext.DECIMAL128;

    @Test
    void bandsMatchExactArithmeticAfterAHundredThousandPoints() {
        double[] prices = IndicatorSeriesTest.btcWalk(100_000, 5);
        List<IndicatorValues> values = IndicatorSeries.backfill(prices, IndicatorSettings.DEFAULTS);
        for (int end : new int[] { 19, 50_000, 99_999 }) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = end - 19; i <= end; i++) {
                sum = sum.add(new BigDecimal(prices[i]));
            }
            BigDecimal mean = sum.divide(BigDecimal.valueOf(20), EXACT);
            BigDecimal squares = BigDecimal.ZERO;
            for (int i = end - 19; i <= end; i++) {
                BigDecimal d = new BigDecimal(prices[i]).subtract(mean);
                squares = squares.add(d.multiply(d));
            }
            double deviation = squares.divide(BigDecimal.valueOf(20), EXACT).sqrt(EXACT).doubleValue();
            IndicatorValues v = values.get(end);
            double computed = (v.bollingerUpper().getAsDouble() - v.bollingerLower().getAsDouble()) / 4;
            assertEquals(mean.doubleValue(), v.bollingerMiddle().getAsDouble(), 1e-9, "middle at " + end);
            assertEquals(deviation, computed, 1e-9, "deviation at " + end);
        }
    }

    @Test
    void aPriceLevelShiftMovesTheBandsAndKeepsTheirWidth() {
        double[] small = IndicatorSeriesTest.btcWalk(200, 6);
        double[] shifted = new double[small.length];
        for (int i = 0; i < small.length; i++) {
            small[i] = small[i] / 10_000;
            shifted[i] = small[i] + 100_000;
        }
        IndicatorValues a = IndicatorSeries.backfill(small, IndicatorSettings.DEFAULTS).get(199);
        IndicatorValues b = IndicatorSeries.backfill(shifted, IndicatorSettings.DEFAULTS).get(199);
        double widthA = a.bollingerUpper().getAsDouble() - a.bollingerLower().getAsDouble();
        double widthB = b.bollingerUpper().getAsDouble() - b.bollingerLower().getAsDouble();
        assertEquals(widthA, widthB, 1e-9);
        assertEquals(a.bollingerMiddle().getAsDouble() + 100_000, b.bollingerMiddle().getAsDouble(), 1e-9);
    }
}
