package org.hashgrid.model;

import java.math.BigDecimal;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A market snapshot, table {@code market_analytics}; immutable, kept forever. BTC price and 24-h
 * volume in USD, network hashrate in EH/s, block reward in BTC; {@code createdAt} is the
 * collection time. Values the market source does not provide are {@code null} (except the price).
 */
@Entity
@Table(name = "market_analytics")
public class MarketAnalytics extends GeneratedIdEntity {

    @Column(name = "btc_price", nullable = false, precision = 14, scale = 2, updatable = false)
    private BigDecimal btcPrice;

    @Column(name = "network_hashrate", precision = 12, scale = 3, updatable = false)
    private BigDecimal networkHashrate;

    @Column(name = "network_difficulty", precision = 30, scale = 2, updatable = false)
    private BigDecimal networkDifficulty;

    @Column(name = "block_reward", precision = 16, scale = 8, updatable = false)
    private BigDecimal blockReward;

    @Column(name = "volume_24h", precision = 20, scale = 2, updatable = false)
    private BigDecimal volume24h;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected MarketAnalytics() {
    }

    /**
     * A snapshot collected at {@code createdAt}: price USD, network hashrate EH/s, difficulty,
     * block reward BTC, 24-h volume USD.
     */
    public MarketAnalytics(Instant createdAt, BigDecimal btcPrice, BigDecimal networkHashrate,
            BigDecimal networkDifficulty, BigDecimal blockReward, BigDecimal volume24h) {
        this.createdAt = createdAt;
        this.btcPrice = btcPrice;
        this.networkHashrate = networkHashrate;
        this.networkDifficulty = networkDifficulty;
        this.blockReward = blockReward;
        this.volume24h = volume24h;
    }

    /** BTC price in USD. */
    public BigDecimal getBtcPrice() {
        return btcPrice;
    }

    /** Network hashrate in EH/s. */
    public BigDecimal getNetworkHashrate() {
        return networkHashrate;
    }

    public BigDecimal getNetworkDifficulty() {
        return networkDifficulty;
    }

    /** Block subsidy in BTC. */
    public BigDecimal getBlockReward() {
        return blockReward;
    }

    /** Traded volume over 24 hours in USD. */
    public BigDecimal getVolume24h() {
        return volume24h;
    }

    /** Collection time. */
    public Instant getCreatedAt() {
        return createdAt;
    }
}
