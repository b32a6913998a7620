package org.hashgrid.analytics.indicators;

/**
 * The last {@code period} prices in a ring, with their mean and population standard deviation
 * recomputed in two passes at each point: O(period) = O(1) for a fixed period, and no running sum
 * of squares, which loses digits at BTC prices and drifts over a long series. NaN until the window
 * is full.
 */
final class BollingerWindow {
    private final double[] window;
    private int filled;
    private int next;
    private double mean = Double.NaN;
    private double deviation = Double.NaN;

    BollingerWindow(int period) {
        this.window = new double[period];
    }

    void add(double price) {
        window[next] = price;
        next = (next + 1) % window.length;
        if (filled < window.length && ++filled < window.length) {
            return;
        }
        double sum = 0;
        for (double value : window) {
            sum += value;
        }
        double m = sum / window.length;
        double squares = 0;
        for (double value : window) {
            double d = value - m;
            squares += d * d;
        }
        mean = m;
        deviation = Math.sqrt(squares / window.length);
    }

    double mean() {
        return mean;
    }

    double deviation() {
        return deviation;
    }
}
