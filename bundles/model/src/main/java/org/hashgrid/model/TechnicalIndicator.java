package org.hashgrid.model;

import java.math.BigDecimal;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * Technical indicators computed from a market snapshot, table {@code technical_indicators};
 * immutable. RSI is 0–100; MACD values are USD differences (may be negative); Bollinger bands and
 * EMAs are USD prices. An indicator is {@code null} while there is not enough history to compute
 * it. {@code signal} holds a {@link TradeSignal} database value.
 */
@Entity
@Table(name = "technical_indicators")
public class TechnicalIndicator extends GeneratedIdEntity {

    @Column(name = "analytics_id", nullable = false, updatable = false)
    private Long analyticsId;

    @Column(name = "rsi", precision = 5, scale = 2, updatable = false)
    private BigDecimal rsi;

    @Column(name = "macd", precision = 16, scale = 4, updatable = false)
    private BigDecimal macd;

    @Column(name = "macd_signal", precision = 16, scale = 4, updatable = false)
    private BigDecimal macdSignal;

    @Column(name = "macd_histogram", precision = 16, scale = 4, updatable = false)
    private BigDecimal macdHistogram;

    @Column(name = "bb_upper", precision = 16, scale = 4, updatable = false)
    private BigDecimal bbUpper;

    @Column(name = "bb_middle", precision = 16, scale = 4, updatable = false)
    private BigDecimal bbMiddle;

    @Column(name = "bb_lower", precision = 16, scale = 4, updatable = false)
    private BigDecimal bbLower;

    @Column(name = "ema_12", precision = 16, scale = 4, updatable = false)
    private BigDecimal ema12;

    @Column(name = "ema_26", precision = 16, scale = 4, updatable = false)
    private BigDecimal ema26;

    @Column(name = "signal", nullable = false, updatable = false)
    private String signal;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected TechnicalIndicator() {
    }

    /** Indicators computed now, in the table's column order. */
    public TechnicalIndicator(Long analyticsId, BigDecimal rsi, BigDecimal macd, BigDecimal macdSignal,
            BigDecimal macdHistogram, BigDecimal bbUpper, BigDecimal bbMiddle, BigDecimal bbLower,
            BigDecimal ema12, BigDecimal ema26, String signal) {
        this.analyticsId = analyticsId;
        this.rsi = rsi;
        this.macd = macd;
        this.macdSignal = macdSignal;
        this.macdHistogram = macdHistogram;
        this.bbUpper = bbUpper;
        this.bbMiddle = bbMiddle;
        this.bbLower = bbLower;
        this.ema12 = ema12;
        this.ema26 = ema26;
        this.signal = signal;
        this.createdAt = DbTime.now();
    }

    public Long getAnalyticsId() {
        return analyticsId;
    }

    /** Relative strength index, 0–100. */
    public BigDecimal getRsi() {
        return rsi;
    }

    public BigDecimal getMacd() {
        return macd;
    }

    public BigDecimal getMacdSignal() {
        return macdSignal;
    }

    public BigDecimal getMacdHistogram() {
        return macdHistogram;
    }

    /** Upper Bollinger band in USD. */
    public BigDecimal getBbUpper() {
        return bbUpper;
    }

    /** Middle Bollinger band (moving average) in USD. */
    public BigDecimal getBbMiddle() {
        return bbMiddle;
    }

    /** Lower Bollinger band in USD. */
    public BigDecimal getBbLower() {
        return bbLower;
    }

    /** 12-period exponential moving average in USD. */
    public BigDecimal getEma12() {
        return ema12;
    }

    /** 26-period exponential moving average in USD. */
    public BigDecimal getEma26() {
        return ema26;
    }

    public String getSignal() {
        return signal;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
