package org.hashgrid.analytics.indicators;

/**
 * The parameters of the indicators and of the signal rule.
 *
 * @param rsiPeriod       changes in RSI's Wilder averages (14)
 * @param emaFast         period of the fast EMA, MACD's first term (12)
 * @param emaSlow         period of the slow EMA, MACD's second term (26); greater than
 *                        {@code emaFast}
 * @param macdSignal      period of the EMA of MACD that makes the signal line (9)
 * @param bollingerPeriod prices in the Bollinger window (20), at least 2
 * @param bollingerWidth  band half-width in population standard deviations (2.0), above 0
 * @param rsiOversold     RSI at or below which the rule says BUY (30)
 * @param rsiOverbought   RSI at or above which the rule says SELL (70); {@code 0 <= rsiOversold
 *                        < rsiOverbought <= 100}
 */
public record IndicatorSettings(int rsiPeriod, int emaFast, int emaSlow, int macdSignal, int bollingerPeriod,
        double bollingerWidth, double rsiOversold, double rsiOverbought) {

    /** RSI(14), MACD(12, 26, 9), Bollinger(20, 2), RSI thresholds 30 and 70. */
    public static final IndicatorSettings DEFAULTS = new IndicatorSettings(14, 12, 26, 9, 20, 2.0, 30, 70);

    /**
     * The largest period accepted: a series keeps {@code bollingerPeriod} prices, so a period is
     * bounded to keep a series small; 10,000 points of 15-minute snapshots is more than 100 days.
     */
    public static final int MAX_PERIOD = 10_000;

    /** @throws IllegalArgumentException naming the first parameter out of range */
    public IndicatorSettings {
        requirePeriod("rsiPeriod", rsiPeriod, 1);
        requirePeriod("emaFast", emaFast, 1);
        requirePeriod("emaSlow", emaSlow, 1);
        requirePeriod("macdSignal", macdSignal, 1);
        requirePeriod("bollingerPeriod", bollingerPeriod, 2);
        if (emaFast >= emaSlow) {
            throw new IllegalArgumentException(
                    "emaFast must be less than emaSlow, was " + emaFast + " and " + emaSlow);
        }
        if (!(bollingerWidth > 0) || bollingerWidth == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("bollingerWidth must be finite and above 0, was " + bollingerWidth);
        }
        // written so that NaN fails too
        if (!(rsiOversold >= 0 && rsiOversold < rsiOverbought && rsiOverbought <= 100)) {
            throw new IllegalArgumentException("RSI thresholds must satisfy 0 <= rsiOversold < rsiOverbought <= 100,"
                    + " were " + rsiOversold + " and " + rsiOverbought);
        }
    }

    private static void requirePeriod(String name, int value, int min) {
        if (value < min || value > MAX_PERIOD) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + MAX_PERIOD + ", was " + value);
        }
    }
}
