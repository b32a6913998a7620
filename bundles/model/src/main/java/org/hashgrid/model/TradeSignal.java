package org.hashgrid.model;

import java.util.Optional;

/**
 * Values of {@code technical_indicators.signal}: the trading signal derived from the indicators.
 */
public enum TradeSignal implements DbEnum {

    BUY, SELL, NEUTRAL;

    /** The column is spelled in upper case, like the constants. */
    @Override
    public String dbValue() {
        return name();
    }

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<TradeSignal> fromDbValue(String value) {
        return DbEnums.parse(TradeSignal.class, value);
    }
}
