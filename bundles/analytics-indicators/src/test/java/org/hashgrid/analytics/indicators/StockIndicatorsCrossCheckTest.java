package org.hashgrid.analytics.indicators;

import static org.hashgrid.analytics.indicators.Golden.assertColumn;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * 4-decimal cross-check of MACD(12, 26, 9), the EMAs, RSI(14) and Bollinger(20, 2) against an
 * independent implementation: DaveSkender/Stock.Indicators (C#, Apache-2.0), whose EMAs are seeded
 * with the SMA of their first values and whose results its maintainers check against Excel
 * workbooks kept in the repository (tests/indicators/m-r/Macd/Macd.Calc.xlsx and others).
 *
 * <p>Input: the first 60 closes (SPY, 2017-01-03 to 2017-03-29) of its standard test quotes,
 * tests/indicators/_testdata/quotes/default.csv. Expected: its published results for those
 * points, tests/indicators/_testdata/results/macd.standard.json, rsi.standard.json and
 * bb.standard.json, rounded to the 4 decimals its own tests assert ({@code Money4}, e.g.
 * tests/indicators/m-r/Macd/Macd.StaticSeries.Tests.cs: point 49 MACD 1.7203, signal 1.9675,
 * histogram −0.2472, fast EMA 224.1840, slow EMA 222.4637). Repository commit
 * d5c66604787c731c87708b6ce1fa6e8962529fc6. Every value of a point depends only on the points
 * before it, so the first 60 closes give the same values as the whole file.
 *
 * <p>ChartSchool publishes no row-by-row MACD worked example to compare with; its definition
 * (EMA12 − EMA26, signal EMA9 of MACD, histogram) is the one implemented here.
 */
class StockIndicatorsCrossCheckTest {

    static final double[] SPY_2017_CLOSES = {
        212.8, 214.06, 213.89, 214.66, 213.95, 213.95, 214.55, 214.02, 214.51, 213.75, 214.22, 213.43,
        214.21, 213.66, 215.03, 216.89, 216.66, 216.32, 214.98, 214.96, 215.05, 215.19, 216.67,
        216.28, 216.29, 216.58, 217.86, 218.72, 219.91, 220.79, 221.94, 221.75, 222.1, 223.43, 223.23,
        223.38, 223.66, 224.01, 223.41, 226.53, 225.11, 225.25, 224.58, 223.91, 223.49, 223.78,
        224.56, 224.67, 223.81, 225.75, 225.31, 224.91, 224.66, 221.78, 222.3, 222.06, 221.9, 221.67,
        223.29, 223.5 };

    private final List<IndicatorValues> values = IndicatorSeries.backfill(SPY_2017_CLOSES, IndicatorSettings.DEFAULTS);

    @Test
    void emasMatch() {
        assertColumn("emaFast", values, IndicatorValues::emaFast, 11, 4,
                213.9825, 214.0175, 213.9625, 214.1267, 214.5518, 214.8762, 215.0983, 215.0801, 215.0616,
                215.0598, 215.0799, 215.3245, 215.4715, 215.5974, 215.7486, 216.0734, 216.4806, 217.0082,
                217.5900, 218.2592, 218.7963, 219.3045, 219.9392, 220.4455, 220.8970, 221.3220, 221.7356,
                221.9932, 222.6912, 223.0633, 223.3997, 223.5813, 223.6319, 223.6100, 223.6362, 223.7783,
                223.9155, 223.8993, 224.1840, 224.3572, 224.4423, 224.4758, 224.0610, 223.7901, 223.5239,
                223.2741, 223.0273, 223.0677, 223.1342);
        assertColumn("emaSlow", values, IndicatorValues::emaSlow, 25, 4,
                214.8677, 215.0893, 215.3583, 215.6954, 216.0728, 216.5074, 216.8958, 217.2813, 217.7367,
                218.1436, 218.5315, 218.9114, 219.2891, 219.5943, 220.1081, 220.4786, 220.8320, 221.1097,
                221.3171, 221.4780, 221.6486, 221.8642, 222.0721, 222.2008, 222.4637, 222.6745, 222.8401,
                222.9749, 222.8864, 222.8430, 222.7850, 222.7194, 222.6417, 222.6897, 222.7497);
    }

    @Test
    void macdSignalAndHistogramMatch() {
        assertColumn("macd", values, IndicatorValues::macd, 25, 4,
                0.8809, 0.9841, 1.1223, 1.3127, 1.5172, 1.7518, 1.9005, 2.0233, 2.2025, 2.3019, 2.3654,
                2.4106, 2.4465, 2.3989, 2.5831, 2.5847, 2.5677, 2.4716, 2.3148, 2.1320, 1.9876, 1.9141,
                1.8434, 1.6985, 1.7203, 1.6827, 1.6021, 1.5008, 1.1746, 0.9471, 0.7390, 0.5547, 0.3856,
                0.3780, 0.3845);
        assertColumn("macdSignal", values, IndicatorValues::macdSignal, 33, 4,
                1.5217, 1.6777, 1.8153, 1.9343, 2.0368, 2.1092, 2.2040, 2.2801, 2.3376, 2.3644, 2.3545,
                2.3100, 2.2455, 2.1792, 2.1121, 2.0293, 1.9675, 1.9106, 1.8489, 1.7793, 1.6583, 1.5161,
                1.3607, 1.1995, 1.0367, 0.9050, 0.8009);
        assertColumn("macdHistogram", values, IndicatorValues::macdHistogram, 33, 4,
                0.6808, 0.6241, 0.5502, 0.4763, 0.4097, 0.2897, 0.3791, 0.3046, 0.2300, 0.1072, -0.0397,
                -0.1780, -0.2579, -0.2651, -0.2686, -0.3309, -0.2472, -0.2279, -0.2467, -0.2784, -0.4837,
                -0.5690, -0.6217, -0.6448, -0.6511, -0.5269, -0.4164);
    }

    @Test
    void rsiMatches() {
        assertColumn("rsi", values, IndicatorValues::rsi, 14, 4,
                62.0541, 68.8085, 67.2152, 64.8256, 56.3262, 56.2078, 56.6496, 57.3700, 64.1526, 61.3812,
                61.4272, 62.8111, 68.2290, 71.2587, 74.8348, 77.1035, 79.6815, 78.1166, 78.9372, 81.7395,
                80.0155, 80.3503, 80.9904, 81.7889, 75.9023, 82.8248, 72.6024, 72.9568, 68.3971, 64.0839,
                61.4671, 62.6026, 65.5437, 65.9504, 59.9889, 67.1932, 64.3626, 61.8132, 60.2081, 45.5378,
                48.0014, 46.9459, 46.2162, 45.1304, 53.4299, 54.3929);
    }

    @Test
    void bollingerBandsMatch() {
        assertColumn("middle", values, IndicatorValues::bollingerMiddle, 19, 4,
                214.5250, 214.6375, 214.6940, 214.8330, 214.9140, 215.0310, 215.1625, 215.3280, 215.5630,
                215.8330, 216.1850, 216.5710, 216.9870, 217.3815, 217.8700, 218.2800, 218.6045, 218.9545,
                219.3390, 219.7605, 220.3390, 220.8420, 221.3450, 221.7405, 222.1220, 222.4820, 222.8420,
                223.1770, 223.4745, 223.6695, 223.9175, 224.0860, 224.2440, 224.3720, 224.2895, 224.2430,
                224.1770, 224.0890, 223.9720, 223.9660, 223.8145);
        assertColumn("upper", values, IndicatorValues::bollingerUpper, 19, 4,
                216.5887, 216.5528, 216.6045, 216.8883, 217.0613, 217.2102, 217.3819, 217.8173, 218.3799,
                219.1797, 220.0258, 221.0440, 221.7521, 222.4579, 223.2887, 224.0091, 224.7051, 225.3641,
                225.9884, 226.3194, 227.1387, 227.4890, 227.7221, 227.8857, 227.7929, 227.5032, 227.0922,
                226.8159, 226.5340, 226.2560, 226.2947, 226.3539, 226.2658, 226.1433, 226.3575, 226.4419,
                226.5480, 226.6530, 226.7448, 226.7442, 226.3354);
        assertColumn("lower", values, IndicatorValues::bollingerLower, 19, 4,
                212.4613, 212.7222, 212.7835, 212.7777, 212.7667, 212.8518, 212.9431, 212.8387, 212.7461,
                212.4863, 212.3442, 212.0980, 212.2219, 212.3051, 212.4513, 212.5509, 212.5039, 212.5449,
                212.6896, 213.2016, 213.5393, 214.1950, 214.9679, 215.5953, 216.4511, 217.4608, 218.5918,
                219.5381, 220.4150, 221.0830, 221.5403, 221.8181, 222.2222, 222.6007, 222.2215, 222.0441,
                221.8060, 221.5250, 221.1992, 221.1878, 221.2936);
    }
}
