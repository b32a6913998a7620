package org.hashgrid.analytics;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of market data, registered as a DS service; sources come and go while the platform runs.
 * Every poll interval the platform asks the sources in order of {@code service.ranking} (highest
 * first) and stores the first snapshot one answers, at the start of the interval it was taken in.
 */
@ConsumerType
public interface MarketDataSource {
    /** Service property: a short name of the source, shown in logs ({@code http}, {@code exchange-x}). */
    String NAME = "hashgrid.market.source";

    /**
     * The market now. Blocks at most about {@code timeout}.
     *
     * @throws MarketDataException when the source cannot answer, or answers something unusable
     */
    MarketSnapshot read(Duration timeout) throws MarketDataException;
}
