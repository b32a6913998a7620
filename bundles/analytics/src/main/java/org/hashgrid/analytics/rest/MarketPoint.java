package org.hashgrid.analytics.rest;

import java.math.BigDecimal;
import java.time.Instant;

import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.core.Doc;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A market snapshot on the wire: an element of an import, and of {@code GET /analytics/market}. */
public record MarketPoint(@Doc("When the values were observed, ISO-8601 (the snapshot's identity)") Instant createdAt,
        @Doc("BTC price, USD, > 0, at most 2 decimals") BigDecimal btcPrice,
        @Doc("Network hashrate, EH/s, at most 3 decimals") BigDecimal networkHashrate,
        @Doc("Network difficulty, > 0, at most 2 decimals") BigDecimal networkDifficulty,
        @Doc("Block subsidy, BTC, at most 8 decimals") BigDecimal blockReward,
        @Doc("Average transaction fees per block, BTC, at most 8 decimals") BigDecimal transactionFees,
        @Doc("Traded volume over 24 h, USD, at most 2 decimals") @JsonProperty("volume_24h") BigDecimal volume24h) {

    static MarketPoint of(MarketSnapshot m) {
        return new MarketPoint(m.time(), m.btcPrice(), m.networkHashrate(), m.difficulty(), m.blockReward(),
                m.transactionFees(), m.volume24h());
    }

    MarketSnapshot snapshot() {
        return new MarketSnapshot(createdAt, btcPrice, networkHashrate, networkDifficulty, blockReward,
                transactionFees, volume24h);
    }
}
