package org.hashgrid.tools.simulator;

/**
 * The values one reply reports, drawn once per request so that all sections of a joined reply
 * agree with each other.
 */
record MinerSnapshot(long when, long elapsedSeconds, boolean[] boardEnabled, double[] boardThs, double averageThs,
        double[] boardTempC, double[] chipTempC, int[] fanRpm, double powerW, long accepted, long rejected,
        long hardwareErrors) {

    double totalThs() {
        double total = 0;
        for (double ths : boardThs) {
            total += ths;
        }
        return total;
    }

    double maxTempC() {
        double max = 0;
        for (int i = 0; i < boardTempC.length; i++) {
            max = Math.max(max, Math.max(boardTempC[i], chipTempC[i]));
        }
        return max;
    }

    boolean mining() {
        for (boolean enabled : boardEnabled) {
            if (enabled) {
                return true;
            }
        }
        return false;
    }
}
