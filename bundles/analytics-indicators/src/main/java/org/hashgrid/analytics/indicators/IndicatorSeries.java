package org.hashgrid.analytics.indicators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Incremental computation: each next(price) is O(1) in time and memory. Not thread-safe.
 *
 * <p>Prices come in time order, one per point (the caller's snapshots); the series has no notion
 * of time, so gaps and reordering are the caller's to handle before it calls. A rejected price
 * changes nothing: the series goes on as if it had not been offered.
 */
public final class IndicatorSeries {
    private final Ema emaFast;
    private final Ema emaSlow;
    private final Ema macdSignal;
    private final WilderRsi rsi;
    private final BollingerWindow bollinger;
    private final double bollingerWidth;
    private final SignalRule signalRule;
    private int count;

    /** @throws NullPointerException when settings is null */
    public IndicatorSeries(IndicatorSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.emaFast = new Ema(settings.emaFast());
        this.emaSlow = new Ema(settings.emaSlow());
        this.macdSignal = new Ema(settings.macdSignal());
        this.rsi = new WilderRsi(settings.rsiPeriod());
        this.bollinger = new BollingerWindow(settings.bollingerPeriod());
        this.bollingerWidth = settings.bollingerWidth();
        this.signalRule = new SignalRule(settings);
    }

    /**
     * Adds the next price and answers the indicators at this point.
     *
     * @throws IllegalArgumentException when the price is NaN, infinite, 0 or negative
     */
    public IndicatorValues next(double price) {
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalArgumentException("price must be finite and > 0, was " + price);
        }
        count = Math.addExact(count, 1);
        double fast = emaFast.next(price);
        double slow = emaSlow.next(price);
        // the fast EMA is always ready when the slow one is (emaFast < emaSlow)
        double macd = fast - slow;
        double signalLine = Double.isNaN(macd) ? Double.NaN : macdSignal.next(macd);
        double histogram = macd - signalLine;
        double relativeStrength = rsi.next(price);
        bollinger.add(price);
        double middle = bollinger.mean();
        double halfWidth = bollingerWidth * bollinger.deviation();
        return new IndicatorValues(known(relativeStrength), known(macd), known(signalLine), known(histogram),
                known(middle + halfWidth), known(middle), known(middle - halfWidth), known(fast), known(slow),
                signalRule.next(relativeStrength, histogram));
    }

    /** Points seen: the prices accepted by {@link #next(double)}. */
    public int count() {
        return count;
    }

    /**
     * Recomputes a history from its first price: the values at every point, as
     * {@link #next(double)} on a new series would answer them.
     *
     * @return an unmodifiable list, one element per price
     * @throws IllegalArgumentException naming the index of the first price that is not finite and
     *                                  above 0; nothing is returned then
     * @throws NullPointerException     when prices or settings is null
     */
    public static List<IndicatorValues> backfill(double[] prices, IndicatorSettings settings) {
        Objects.requireNonNull(prices, "prices");
        IndicatorSeries series = new IndicatorSeries(settings);
        List<IndicatorValues> values = new ArrayList<>(prices.length);
        for (int i = 0; i < prices.length; i++) {
            try {
                values.add(series.next(prices[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("prices[" + i + "]: " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableList(values);
    }

    private static OptionalDouble known(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
