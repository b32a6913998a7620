/**
 * Technical indicators over a price series, computed incrementally: RSI with Wilder smoothing,
 * MACD with its signal line and histogram, Bollinger bands, the fast and slow EMAs, and a
 * BUY/SELL/NEUTRAL signal from RSI thresholds and MACD crossovers.
 *
 * <p>An {@link org.hashgrid.analytics.indicators.IndicatorSeries} takes prices in time order and
 * answers, for each one, the {@link org.hashgrid.analytics.indicators.IndicatorValues} at that
 * point in O(1) time and memory; {@code IndicatorSeries.backfill} recomputes a whole history. A
 * value the history is still too short for is an empty optional, never 0. Pure computation: no
 * services, no storage, no clock.
 *
 * <p>The package follows semantic versioning: a change that breaks callers raises the major
 * version, additions raise the minor version.
 */
@Export
@Version("1.0.0")
package org.hashgrid.analytics.indicators;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
