package org.hashgrid.analytics.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.hashgrid.analytics.indicators.IndicatorSeries;
import org.hashgrid.analytics.indicators.IndicatorSettings;
import org.hashgrid.analytics.indicators.IndicatorValues;
import org.postgresql.PGConnection;

/**
 * Keeps {@code technical_indicators} a function of {@code market_analytics}: one row per snapshot,
 * computed from the snapshots up to it in time order. A point after the last one costs one step
 * of the in-memory {@link IndicatorSeries} and one row (O(1)); a point inserted before the last
 * one, a changed value or changed settings recompute the history from there in one pass and
 * rewrite the rows after it. Every method runs inside the caller's transaction, which holds the
 * market lock ({@link MarketStore#lock}) and names the market version it writes; the series knows
 * the version it was built at, so a write by another node (or a failed transaction of this one,
 * which calls {@link #invalidate}) makes the next use rebuild it from the table.
 */
final class IndicatorEngine {
    /** From this many rows on, a rewrite checks the foreign key once at the end instead of per row. */
    static final int BULK_ROWS = 10_000;
    private static final String FK = "technical_indicators_analytics_id_fk";

    private IndicatorSettings settings;
    private IndicatorSeries series;
    private long version = -1;

    IndicatorEngine(IndicatorSettings settings) {
        this.settings = settings;
    }

    /** What the next use compares with the table: the series is dropped, the table is the truth. */
    synchronized void invalidate() {
        series = null;
    }

    /** New settings: the whole history is recomputed at the next {@link #recompute}. */
    synchronized boolean settings(IndicatorSettings next) {
        if (next.equals(settings)) {
            return false;
        }
        settings = next;
        series = null;
        return true;
    }

    /**
     * Whether the series in memory holds exactly what the table held before the transaction that
     * writes {@code version}.
     */
    synchronized boolean follows(long version) {
        return series != null && this.version == version - 1;
    }

    /**
     * Steps the series over {@code points}, which all follow the last point, and stores their rows,
     * in the transaction that writes {@code version}.
     */
    synchronized void append(Connection c, long version, List<PricePoint> points) throws SQLException {
        IndicatorCopy copy = new IndicatorCopy(points.size());
        for (PricePoint p : points) {
            copy.row(p.id(), series.next(p.price()));
        }
        copyIn(c, copy.finish());
        this.version = version;
    }

    /**
     * Recomputes the whole history (from the table, in one pass) and rewrites the rows of the
     * snapshots at or after {@code from} (null: every row), in the transaction that writes
     * {@code version}.
     *
     * @return the rows written
     */
    synchronized int recompute(Connection c, long version, Instant from) throws SQLException {
        List<PricePoint> points = MarketStore.prices(c);
        IndicatorSeries fresh = new IndicatorSeries(settings);
        int first = from == null ? 0 : firstAtOrAfter(points, from);
        IndicatorCopy copy = new IndicatorCopy(points.size() - first);
        for (int i = 0; i < points.size(); i++) {
            IndicatorValues values = fresh.next(points.get(i).price());
            if (i >= first) {
                copy.row(points.get(i).id(), values);
            }
        }
        int rows = points.size() - first;
        boolean bulk = rows >= BULK_ROWS;
        try (Statement s = c.createStatement()) {
            if (bulk) {
                s.execute("ALTER TABLE technical_indicators DROP CONSTRAINT " + FK);
            }
            if (first == 0) {
                s.execute(bulk ? "TRUNCATE technical_indicators" : "DELETE FROM technical_indicators");
            }
        }
        if (first > 0) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM technical_indicators t USING "
                    + "market_analytics m WHERE m.id = t.analytics_id AND m.created_at >= ?")) {
                delete.setObject(1, OffsetDateTime.ofInstant(points.get(first).time(), ZoneOffset.UTC));
                delete.executeUpdate();
            }
        }
        if (rows > 0) {
            copyIn(c, copy.finish());
        }
        if (bulk) {
            try (Statement s = c.createStatement()) {
                // one validating join instead of a trigger call per row
                s.execute("ALTER TABLE technical_indicators ADD CONSTRAINT " + FK + " FOREIGN KEY (analytics_id) "
                        + "REFERENCES market_analytics (id) ON DELETE CASCADE");
            }
        }
        series = fresh;
        this.version = version;
        return rows;
    }

    private static int firstAtOrAfter(List<PricePoint> points, Instant from) {
        int lo = 0;
        int hi = points.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).time().isBefore(from)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void copyIn(Connection c, byte[] stream) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY technical_indicators (" + IndicatorCopy.COLUMNS + ") FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(stream), 1 << 16);
        } catch (IOException e) {
            throw new SQLException("COPY into technical_indicators failed", "08006", e);
        }
    }
}
