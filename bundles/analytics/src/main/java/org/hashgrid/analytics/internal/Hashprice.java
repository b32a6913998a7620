package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The mining-economics formulas, in exact decimals (34 significant digits inside, money rounded
 * to cents half-even at the end). Sources in the README:
 *
 * <pre>
 * hashprice BTC/(TH/s)/day = 1e12 · 86400 · (subsidy + fees) / (difficulty · 2^32)
 *   (without a difficulty: 144 · (subsidy + fees) / network hashrate in TH/s)
 * hashprice USD/(TH/s)/day = BTC hashprice · price
 * revenue USD/day           = hashrate TH/s · USD hashprice · (1 − pool fee)
 * energy cost USD/day       = power W · 24 h / 1e6 · price USD/MWh
 * break-even USD/MWh        = USD hashprice · (1 − pool fee) · 1e6 / (24 · efficiency J/TH)
 * </pre>
 */
public final class Hashprice {
    static final MathContext EXACT = MathContext.DECIMAL128;
    private static final BigDecimal TERA = BigDecimal.TEN.pow(12);
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final BigDecimal TWO_POW_32 = BigDecimal.valueOf(1L << 32);
    private static final BigDecimal BLOCKS_PER_DAY = BigDecimal.valueOf(144);
    private static final BigDecimal EXA_TO_TERA = BigDecimal.TEN.pow(6);
    private static final BigDecimal HOURS = BigDecimal.valueOf(24);
    private static final BigDecimal MEGA = BigDecimal.TEN.pow(6);

    private final BigDecimal btcPerThDay;
    private final BigDecimal usdPerThDay;
    private final BigDecimal keep;

    private Hashprice(BigDecimal btcPerThDay, BigDecimal price, BigDecimal poolFeePercent) {
        this.btcPerThDay = btcPerThDay;
        this.usdPerThDay = btcPerThDay.multiply(price, EXACT);
        this.keep = BigDecimal.ONE.subtract(poolFeePercent.movePointLeft(2));
    }

    /**
     * The hashprice of a market: from the difficulty when given, else from the network hashrate
     * (EH/s); null without subsidy, or without both.
     */
    public static Hashprice of(BigDecimal price, BigDecimal difficulty, BigDecimal networkHashrateEh,
            BigDecimal subsidy, BigDecimal fees, BigDecimal poolFeePercent) {
        if (price == null || subsidy == null) {
            return null;
        }
        BigDecimal reward = fees == null ? subsidy : subsidy.add(fees);
        if (difficulty != null && difficulty.signum() > 0) {
            return new Hashprice(TERA.multiply(SECONDS_PER_DAY).multiply(reward)
                    .divide(difficulty.multiply(TWO_POW_32), EXACT), price, poolFeePercent);
        }
        if (networkHashrateEh != null && networkHashrateEh.signum() > 0) {
            return new Hashprice(BLOCKS_PER_DAY.multiply(reward).divide(networkHashrateEh.multiply(EXA_TO_TERA), EXACT),
                    price, poolFeePercent);
        }
        return null;
    }

    /** BTC earned per TH/s per day. */
    public BigDecimal btcPerThDay() {
        return btcPerThDay;
    }

    /** USD earned per TH/s per day, before the pool fee. */
    public BigDecimal usdPerThDay() {
        return usdPerThDay;
    }

    /** USD a day for {@code hashrateTh} TH/s after the pool fee, unrounded. */
    public BigDecimal revenuePerDay(BigDecimal hashrateTh) {
        return hashrateTh.multiply(usdPerThDay, EXACT).multiply(keep, EXACT);
    }

    /** The power price (USD/MWh) at which a miner of {@code efficiency} J/TH earns what it spends; unrounded. */
    public BigDecimal breakEvenUsdPerMwh(BigDecimal efficiency) {
        return usdPerThDay.multiply(keep, EXACT).multiply(MEGA).divide(HOURS.multiply(efficiency), EXACT);
    }

    /** USD a day for drawing {@code powerW} W at {@code usdPerMwh}; unrounded. */
    public static BigDecimal energyCostPerDay(BigDecimal powerW, BigDecimal usdPerMwh) {
        return powerW.multiply(HOURS).multiply(usdPerMwh).divide(MEGA, EXACT);
    }

    /** Money as reported: cents, half-even. */
    public static BigDecimal cents(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_EVEN);
    }
}
