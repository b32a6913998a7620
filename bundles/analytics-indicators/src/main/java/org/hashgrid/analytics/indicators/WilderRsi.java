package org.hashgrid.analytics.indicators;

/**
 * RSI with Wilder's smoothing: the first average gain and loss are the simple means of the first
 * {@code period} changes, then {@code average = (previous × (period − 1) + current) / period}.
 * NaN until {@code period} changes have been seen.
 */
final class WilderRsi {
    private final int period;
    private double previousPrice = Double.NaN;
    private int changes;
    private double averageGain;
    private double averageLoss;

    WilderRsi(int period) {
        this.period = period;
    }

    double next(double price) {
        double change = price - previousPrice;
        boolean first = Double.isNaN(previousPrice);
        previousPrice = price;
        if (first) {
            return Double.NaN;
        }
        double gain = Math.max(change, 0);
        double loss = Math.max(-change, 0);
        if (changes < period) {
            // the seed: sums until the period is full, then their means
            averageGain += gain;
            averageLoss += loss;
            if (++changes < period) {
                return Double.NaN;
            }
            averageGain /= period;
            averageLoss /= period;
        } else {
            averageGain = (averageGain * (period - 1) + gain) / period;
            averageLoss = (averageLoss * (period - 1) + loss) / period;
        }
        return rsi(averageGain, averageLoss);
    }

    /** Both averages 0 (no movement at all) is neither overbought nor oversold: 50. */
    static double rsi(double averageGain, double averageLoss) {
        if (averageLoss == 0) {
            return averageGain == 0 ? 50 : 100;
        }
        return 100 - 100 / (1 + averageGain / averageLoss);
    }
}
