package org.hashgrid.analytics.internal;

import java.time.Instant;

/** A stored snapshot's id, time and BTC price (USD), what the indicators are computed from. */
record PricePoint(long id, Instant time, double price) {
}
