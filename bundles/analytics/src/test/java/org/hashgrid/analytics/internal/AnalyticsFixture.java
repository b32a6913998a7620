package org.hashgrid.analytics.internal;

import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import org.hashgrid.testing.Configs;

/** The analytics services on a test database, as DS wires them (no activation recompute). */
final class AnalyticsFixture {
    final AnalyticsDatabase db;
    final MarketService market;
    final MarketQueries queries;
    final PowerPrices prices;

    AnalyticsFixture(DataSource dataSource, Map<String, Object> config) {
        db = new AnalyticsDatabase(dataSource, Configs.of(ReplicaConfig.class, Map.of()), Clock.systemUTC());
        market = new MarketService(db, Configs.of(AnalyticsConfig.class, config), Clock.systemUTC());
        queries = new MarketQueries(db);
        prices = new PowerPrices(db, Configs.of(AnalyticsConfig.class, config));
    }
}
