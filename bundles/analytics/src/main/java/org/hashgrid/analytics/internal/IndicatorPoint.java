package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.hashgrid.core.Doc;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A snapshot's price and its stored indicators; an indicator without enough history before it is null. */
public record IndicatorPoint(@Doc("Snapshot time, ISO-8601 UTC") Instant createdAt,
        @Doc("BTC price, USD") BigDecimal btcPrice,
        @Doc("RSI (Wilder), 0-100") BigDecimal rsi,
        @Doc("MACD line: EMA fast - EMA slow, USD") BigDecimal macd,
        @Doc("MACD signal line, USD") BigDecimal macdSignal,
        @Doc("MACD - signal, USD") BigDecimal macdHistogram,
        @Doc("Upper Bollinger band, USD") BigDecimal bbUpper,
        @Doc("Middle Bollinger band (SMA), USD") BigDecimal bbMiddle,
        @Doc("Lower Bollinger band, USD") BigDecimal bbLower,
        @Doc("EMA-12, USD") @JsonProperty("ema_12") BigDecimal ema12,
        @Doc("EMA-26, USD") @JsonProperty("ema_26") BigDecimal ema26,
        @Doc("BUY, SELL or NEUTRAL") String signal) {
}
