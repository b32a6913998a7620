package org.hashgrid.analytics.indicators;

/**
 * What the indicators suggest at one price point. The rule that decides it is described on
 * {@link IndicatorValues#signal()}.
 */
public enum Signal {
    BUY, SELL, NEUTRAL
}
