package org.hashgrid.analytics.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads of market snapshots and their indicators, on the read replica when there is one. Pages
 * run newest first by snapshot time (unique), within a time range.
 */
@Component(service = MarketQueries.class)
public class MarketQueries {
    private final AnalyticsDatabase db;

    @Activate
    public MarketQueries(@Reference AnalyticsDatabase db) {
        this.db = db;
    }

    /** Snapshots in {@code range}, newest first. */
    public Page<MarketSnapshot> snapshots(TimeRange range, PageRequest page) {
        return page(range, page, "SELECT " + MarketStore.SNAPSHOT_COLUMNS + " FROM market_analytics", "created_at",
                MarketStore::snapshot, MarketSnapshot::time);
    }

    /** Indicators of the snapshots in {@code range}, newest first. */
    public Page<IndicatorPoint> indicators(TimeRange range, PageRequest page) {
        return page(range, page, "SELECT m.created_at, m.btc_price, t.rsi, t.macd, t.macd_signal, t.macd_histogram, "
                + "t.bb_upper, t.bb_middle, t.bb_lower, t.ema_12, t.ema_26, t.signal FROM market_analytics m "
                + "JOIN technical_indicators t ON t.analytics_id = m.id", "m.created_at", MarketQueries::indicator,
                IndicatorPoint::createdAt);
    }

    /** Indicators of every snapshot in {@code range}, oldest first (for charts). */
    public List<IndicatorPoint> indicatorSeries(TimeRange range, int max) {
        List<IndicatorPoint> rows = indicators(range, new PageRequest(max, null)).items();
        List<IndicatorPoint> ascending = new ArrayList<>(rows);
        java.util.Collections.reverse(ascending);
        return ascending;
    }

    /** Snapshots in {@code range}, oldest first (for charts). */
    public List<MarketSnapshot> snapshotSeries(TimeRange range, int max) {
        List<MarketSnapshot> ascending = new ArrayList<>(snapshots(range, new PageRequest(max, null)).items());
        java.util.Collections.reverse(ascending);
        return ascending;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Page<T> page(TimeRange range, PageRequest page, String select, String timeColumn, Row<T> row,
            java.util.function.Function<T, Instant> time) {
        Instant before = range.to();
        if (page.after() != null) {
            try {
                before = Instant.parse(page.after());
            } catch (java.time.format.DateTimeParseException e) {
                throw PageRequest.foreignCursor();
            }
        }
        Instant end = before;
        String sql =
                select + " WHERE " + timeColumn + " >= ? AND " + timeColumn + (page.after() == null ? " <= " : " < ")
                        + "? ORDER BY " + timeColumn + " DESC LIMIT ?";
        try {
            List<T> rows = db.read(c -> query(c, sql, range.from(), end, page.fetchSize(), row));
            return Page.of(rows, page, r -> time.apply(r).toString(), r -> r);
        } catch (SQLException e) {
            throw new IllegalStateException("market query failed", e);
        }
    }

    private static <T> List<T> query(Connection c, String sql, Instant from, Instant to, int limit, Row<T> row)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            s.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
        }
        return rows;
    }

    private static IndicatorPoint indicator(ResultSet rs) throws SQLException {
        return new IndicatorPoint(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2), rs.getBigDecimal(3),
                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11),
                rs.getString(12));
    }
}
