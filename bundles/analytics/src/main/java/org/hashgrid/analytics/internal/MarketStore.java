package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.hashgrid.analytics.MarketSnapshot;

/**
 * The statements on {@code market_analytics}, on the caller's connection and transaction. Rows
 * are written with one statement per batch (arrays unnested server-side), whatever its size.
 */
final class MarketStore {
    static final String SNAPSHOT_COLUMNS =
            "created_at, btc_price, network_hashrate, network_difficulty, block_reward, transaction_fees, volume_24h";
    private static final String UNNEST = "unnest(?::timestamptz[], ?::numeric[], ?::numeric[], ?::numeric[], "
            + "?::numeric[], ?::numeric[], ?::numeric[]) AS u(t, price, hashrate, difficulty, reward, fees, volume)";

    private MarketStore() {
    }

    /**
     * Serialises writers of market data on every node until the transaction ends (the row lock of
     * {@code analytics_market_version}) and answers the version this transaction writes: one more
     * than the version of everything committed before it.
     */
    static long lock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE analytics_market_version SET version = version + 1 WHERE id = 1 RETURNING version");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("analytics_market_version has no row", "55000");
            }
            return rs.getLong(1);
        }
    }

    /** The time of the newest snapshot (null when none): one step down the unique index. */
    static Instant last(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT max(created_at) FROM market_analytics");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp last = rs.getTimestamp(1);
            return last == null ? null : last.toInstant();
        }
    }

    /** Every snapshot's id, time and price in time order. */
    static List<PricePoint> prices(Connection c) throws SQLException {
        List<PricePoint> points = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, created_at, btc_price::float8 FROM market_analytics ORDER BY created_at")) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    points.add(new PricePoint(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3)));
                }
            }
        }
        return points;
    }

    /** The stored snapshots at {@code times}, by time. */
    static Map<Instant, MarketSnapshot> at(Connection c, List<Instant> times) throws SQLException {
        Map<Instant, MarketSnapshot> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + SNAPSHOT_COLUMNS + " FROM market_analytics WHERE created_at = ANY (?)")) {
            Array array = c.createArrayOf("timestamptz", times.stream().map(Instant::toString).toArray());
            s.setArray(1, array);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    MarketSnapshot snapshot = snapshot(rs);
                    found.put(snapshot.time(), snapshot);
                }
            }
        }
        return found;
    }

    /** Inserts {@code snapshots}; answers the stored points in time order. */
    static List<PricePoint> insert(Connection c, List<MarketSnapshot> snapshots) throws SQLException {
        List<PricePoint> points = new ArrayList<>(snapshots.size());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO market_analytics (" + SNAPSHOT_COLUMNS + ") "
                + "SELECT t, price, hashrate, difficulty, reward, fees, volume FROM " + UNNEST
                + " RETURNING id, created_at, btc_price::float8")) {
            bind(c, s, snapshots);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    points.add(new PricePoint(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3)));
                }
            }
        }
        points.sort(java.util.Comparator.comparing(PricePoint::time));
        return points;
    }

    /** Replaces the values of the stored snapshots at the times of {@code snapshots}. */
    static void overwrite(Connection c, List<MarketSnapshot> snapshots) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE market_analytics m SET btc_price = u.price, "
                + "network_hashrate = u.hashrate, network_difficulty = u.difficulty, block_reward = u.reward, "
                + "transaction_fees = u.fees, volume_24h = u.volume FROM " + UNNEST + " WHERE m.created_at = u.t")) {
            bind(c, s, snapshots);
            s.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement s, List<MarketSnapshot> snapshots) throws SQLException {
        // ISO-8601 text with Z: no dependence on the JVM's time zone
        s.setArray(1, c.createArrayOf("timestamptz", snapshots.stream().map(m -> m.time().toString()).toArray()));
        List<Function<MarketSnapshot, BigDecimal>> columns = List.of(MarketSnapshot::btcPrice,
                MarketSnapshot::networkHashrate, MarketSnapshot::difficulty, MarketSnapshot::blockReward,
                MarketSnapshot::transactionFees, MarketSnapshot::volume24h);
        for (int i = 0; i < columns.size(); i++) {
            s.setArray(i + 2, c.createArrayOf("numeric", snapshots.stream().map(columns.get(i)).toArray()));
        }
    }

    /** A snapshot from the columns {@link #SNAPSHOT_COLUMNS}, read from the first column on. */
    static MarketSnapshot snapshot(ResultSet rs) throws SQLException {
        return new MarketSnapshot(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2), rs.getBigDecimal(3),
                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7));
    }
}
