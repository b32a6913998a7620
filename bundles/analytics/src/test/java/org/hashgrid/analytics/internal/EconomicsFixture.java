package org.hashgrid.analytics.internal;

import java.sql.SQLException;

import org.hashgrid.testing.DatabaseTest;

/**
 * Sites, models and telemetry's latest state written directly, as hosting and telemetry would
 * have them, for the economics and KPI tests.
 */
abstract class EconomicsFixture extends DatabaseTest {
    static long siteA;
    static long siteB;

    /** Two sites (A: "North <&> site", B), models of 15 and 29.5 J/TH; miners as in {@link #miner}. */
    static void sites() throws SQLException {
        siteA = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('North <&> site', 10) RETURNING id");
        siteB = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('South', 5) RETURNING id");
        executeSql("INSERT INTO miner_models (name, manufacturer, hashrate, power_consumption, efficiency) VALUES "
                + "('S21', 'Bitmain', 200, 3000, 15), ('S19', 'Bitmain', 100, 2950, NULL)");
    }

    /** A miner's latest state: answering unless {@code failures} > 0. */
    static void miner(long id, long site, String client, String hashrate, String power, int failures)
            throws SQLException {
        executeSql("INSERT INTO miner_latest_state (miner_id, site_id, recorded_at, hashrate, power_consumption, "
                + "last_attempt_at, last_success_at, consecutive_failures, status, client_id) VALUES (" + id + ", "
                + site + ", now(), " + hashrate + ", " + power + ", now(), now(), " + failures + ", 'active', "
                + (client == null ? "NULL" : "'" + client + "'") + ")");
    }

    /** The worked market of the domain notes: D = 1e14, $100,000, 3.125 + 0.10 BTC. */
    static void market() throws SQLException {
        executeSql("INSERT INTO market_analytics (created_at, btc_price, network_difficulty, block_reward, "
                + "transaction_fees) VALUES ('2025-01-01T00:00:00Z', 100000, 1e14, 3.125, 0.10)");
    }
}
