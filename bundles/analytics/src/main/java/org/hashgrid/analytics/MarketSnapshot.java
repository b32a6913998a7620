package org.hashgrid.analytics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The market at one moment, as a source reads it or an import gives it. Only the price is
 * required; a value the source does not give is {@code null}.
 *
 * @param time             when the values were observed (UTC)
 * @param btcPrice         BTC price, USD
 * @param networkHashrate  network hashrate, EH/s
 * @param difficulty       network difficulty
 * @param blockReward      block subsidy, BTC
 * @param transactionFees  average transaction fees per block, BTC
 * @param volume24h        traded volume over 24 hours, USD
 */
public record MarketSnapshot(Instant time, BigDecimal btcPrice, BigDecimal networkHashrate, BigDecimal difficulty,
        BigDecimal blockReward, BigDecimal transactionFees, BigDecimal volume24h) {

    /** The same values observed at {@code other}. */
    public MarketSnapshot at(Instant other) {
        return new MarketSnapshot(other, btcPrice, networkHashrate, difficulty, blockReward, transactionFees,
                volume24h);
    }
}
