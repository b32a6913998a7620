package org.hashgrid.analytics.indicators;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Values for one price point; empty while the history is too short (never 0 for "unknown").
 *
 * <p>With the settings' periods, a value first appears at point (1-based): {@code emaFast} at
 * point {@code emaFast}; {@code emaSlow} and {@code macd} at point {@code emaSlow};
 * {@code macdSignal} and {@code macdHistogram} at point {@code emaSlow + macdSignal - 1}; the
 * Bollinger bands at point {@code bollingerPeriod}; {@code rsi} at point {@code rsiPeriod + 1}
 * (it needs that many changes). With the defaults: 12, 26, 34, 20 and 15.
 *
 * @param rsi             RSI with Wilder smoothing, 0 to 100. When prices did not move at all over
 *                        the averages (average gain and loss both 0) it is 50: no momentum either
 *                        way; only the average loss being 0 gives 100
 * @param macd            fast EMA − slow EMA
 * @param macdSignal      EMA of MACD over {@code macdSignal} points, seeded with their mean
 * @param macdHistogram   MACD − signal line
 * @param bollingerUpper  middle + width × population standard deviation of the window
 * @param bollingerMiddle simple moving average of the window
 * @param bollingerLower  middle − width × population standard deviation of the window
 * @param emaFast         fast EMA, seeded with the simple mean of its first {@code emaFast}
 *                        prices
 * @param emaSlow         slow EMA, seeded likewise
 * @param signal          the rule: BUY when RSI ≤ oversold or MACD crosses above its signal line
 *                        at this point; SELL when RSI ≥ overbought or MACD crosses below; BUY and
 *                        SELL reasons together, or none, give NEUTRAL. MACD crosses above at this
 *                        point when the histogram is above 0 now and the latest non-zero histogram
 *                        before this point was below 0 (below: the opposite); a histogram of
 *                        exactly 0 is no cross, so touching the line and turning back is not one
 */
public record IndicatorValues(OptionalDouble rsi, OptionalDouble macd, OptionalDouble macdSignal,
        OptionalDouble macdHistogram, OptionalDouble bollingerUpper, OptionalDouble bollingerMiddle,
        OptionalDouble bollingerLower, OptionalDouble emaFast, OptionalDouble emaSlow, Signal signal) {

    /** @throws NullPointerException when a component is null (absent values are empty optionals) */
    public IndicatorValues {
        Objects.requireNonNull(rsi, "rsi");
        Objects.requireNonNull(macd, "macd");
        Objects.requireNonNull(macdSignal, "macdSignal");
        Objects.requireNonNull(macdHistogram, "macdHistogram");
        Objects.requireNonNull(bollingerUpper, "bollingerUpper");
        Objects.requireNonNull(bollingerMiddle, "bollingerMiddle");
        Objects.requireNonNull(bollingerLower, "bollingerLower");
        Objects.requireNonNull(emaFast, "emaFast");
        Objects.requireNonNull(emaSlow, "emaSlow");
        Objects.requireNonNull(signal, "signal");
    }
}
