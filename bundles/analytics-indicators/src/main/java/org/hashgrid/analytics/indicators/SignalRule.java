package org.hashgrid.analytics.indicators;

/**
 * The signal rule of {@link IndicatorValues#signal()}: RSI thresholds and MACD crossovers. One
 * instance follows one series, remembering the sign of the latest non-zero MACD histogram.
 */
final class SignalRule {
    private final double oversold;
    private final double overbought;
    private int lastSign;

    SignalRule(IndicatorSettings settings) {
        this.oversold = settings.rsiOversold();
        this.overbought = settings.rsiOverbought();
    }

    /**
     * @param rsi       RSI at this point, NaN when not known yet
     * @param histogram MACD histogram at this point, NaN when not known yet
     */
    Signal next(double rsi, double histogram) {
        int cross = cross(histogram);
        // comparisons with NaN are false: an unknown RSI gives no reason
        boolean buy = rsi <= oversold || cross > 0;
        boolean sell = rsi >= overbought || cross < 0;
        if (buy == sell) {
            return Signal.NEUTRAL;
        }
        return buy ? Signal.BUY : Signal.SELL;
    }

    /** +1 when MACD crosses above its signal line at this point, −1 below, else 0. */
    private int cross(double histogram) {
        int sign = (int) Math.signum(histogram);
        if (sign == 0) {
            // exactly on the line, or unknown (signum of NaN is NaN, cast to 0)
            return 0;
        }
        int cross = lastSign != 0 && sign != lastSign ? sign : 0;
        lastSign = sign;
        return cross;
    }
}
