package org.hashgrid.analytics.indicators;

/**
 * Exponential moving average seeded with the simple mean of its first {@code period} values, then
 * {@code ema = (value − previous) × 2/(period+1) + previous}. NaN until the seed is complete.
 */
final class Ema {
    private final int period;
    private final double multiplier;
    private int seen;
    private double seedSum;
    private double value = Double.NaN;

    Ema(int period) {
        this.period = period;
        this.multiplier = 2.0 / (period + 1);
    }

    double next(double x) {
        if (seen < period) {
            seedSum += x;
            if (++seen == period) {
                value = seedSum / period;
            }
        } else {
            value = (x - value) * multiplier + value;
        }
        return value;
    }
}
