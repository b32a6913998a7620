package org.hashgrid.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;

/**
 * The formulas against the worked figures of the project's domain notes (§3: D = 1e14, P =
 * $100,000, subsidy 3.125, fees 0.10 → $64.88/PH/day; break-even per efficiency; a 200 TH/s,
 * 3,500 W miner at $0.05/kWh) and the network-hashrate form.
 */
class HashpriceTest {
    private static final Hashprice WORKED = Hashprice.of(new BigDecimal("100000"), new BigDecimal("1e14"), null,
            new BigDecimal("3.125"), new BigDecimal("0.10"), BigDecimal.ZERO);

    @Test
    void hashpriceOfTheWorkedExample() {
        assertEquals(new BigDecimal("6.4876e-7").setScale(11),
                WORKED.btcPerThDay().setScale(11, RoundingMode.HALF_EVEN));
        assertEquals(new BigDecimal("64.88"),
                WORKED.usdPerThDay().movePointRight(3).setScale(2, RoundingMode.HALF_EVEN));
    }

    @Test
    void breakEvenPowerPrices() {
        String[][] table = { { "15.0", "180.21" }, { "17.5", "154.47" }, { "21.5", "125.73" }, { "29.5", "91.63" },
            { "34.0", "79.50" } };
        for (String[] row : table) {
            assertEquals(new BigDecimal(row[1]), Hashprice.cents(WORKED.breakEvenUsdPerMwh(new BigDecimal(row[0]))),
                    row[0] + " J/TH");
        }
    }

    @Test
    void revenueCostAndMarginOfTheExampleMiner() {
        BigDecimal revenue = Hashprice.cents(WORKED.revenuePerDay(new BigDecimal("200")));
        BigDecimal cost = Hashprice.cents(Hashprice.energyCostPerDay(new BigDecimal("3500"), new BigDecimal("50")));
        assertEquals(new BigDecimal("12.98"), revenue);
        assertEquals(new BigDecimal("4.20"), cost);
        assertEquals(new BigDecimal("8.78"), revenue.subtract(cost));
        Hashprice withFee = Hashprice.of(new BigDecimal("100000"), new BigDecimal("1e14"), null,
                new BigDecimal("3.125"), new BigDecimal("0.10"), new BigDecimal("2"));
        assertEquals(new BigDecimal("12.72"), Hashprice.cents(withFee.revenuePerDay(new BigDecimal("200"))));
    }

    @Test
    void withoutDifficultyTheNetworkHashrateGivesTheSameHashprice() {
        // the network hashrate the difficulty implies: D · 2^32 / 600 H/s, in EH/s
        BigDecimal impliedEh = new BigDecimal("1e14").multiply(BigDecimal.valueOf(1L << 32))
                .divide(BigDecimal.valueOf(600), Hashprice.EXACT).movePointLeft(18);
        Hashprice fromHashrate = Hashprice.of(new BigDecimal("100000"), null, impliedEh, new BigDecimal("3.125"),
                new BigDecimal("0.10"), BigDecimal.ZERO);
        assertEquals(WORKED.usdPerThDay().setScale(12, RoundingMode.HALF_EVEN),
                fromHashrate.usdPerThDay().setScale(12, RoundingMode.HALF_EVEN));
        assertNull(Hashprice.of(BigDecimal.ONE, null, null, BigDecimal.ONE, null, BigDecimal.ZERO));
        assertNull(Hashprice.of(BigDecimal.ONE, BigDecimal.TEN, null, null, null, BigDecimal.ZERO));
    }
}
