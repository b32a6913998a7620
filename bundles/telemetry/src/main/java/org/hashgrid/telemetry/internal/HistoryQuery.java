package org.hashgrid.telemetry.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import org.hashgrid.core.Validation;

/**
 * One miner's readings over a time range, raw or averaged into buckets computed by PostgreSQL
 * ({@code date_bin} over the partitioned table, read through its {@code (miner_id, recorded_at)}
 * index, so only the months of the range are touched). Each bucket size has a longest range
 * ({@link #MAX_RANGE}), so that no answer grows without bound.
 */
public final class HistoryQuery {
    /** Bucket sizes by their name in the API; {@code raw} is every reading. */
    public static final Map<String, Duration> BUCKETS = Map.of("raw", Duration.ZERO, "1m", Duration.ofMinutes(1),
            "5m", Duration.ofMinutes(5), "1h", Duration.ofHours(1), "1d", Duration.ofDays(1));
    /** The longest range each bucket size answers. */
    public static final Map<String, Duration> MAX_RANGE = Map.of("raw", Duration.ofDays(2), "1m", Duration.ofDays(7),
            "5m", Duration.ofDays(31), "1h", Duration.ofDays(366), "1d", Duration.ofDays(3_660));

    /** A reading ({@code samples} = 1, per-sensor arrays present) or a bucket's averages and maxima. */
    public record Point(Instant at, int samples, BigDecimal hashrate, BigDecimal hashrateMax, BigDecimal temperature,
            BigDecimal temperatureMax, BigDecimal power, BigDecimal powerMax, BigDecimal fanSpeed,
            List<Float> boardTemperatures, List<Float> chipTemperatures, List<Integer> fanSpeeds, Integer flags) {
    }

    /** Bucket sizes of site totals and the longest range of each: 5m from raw readings, 1h and 1d from rollups. */
    public static final Map<String, Duration> SITE_MAX_RANGE = Map.of("5m", Duration.ofDays(2), "1h",
            Duration.ofDays(366), "1d", Duration.ofDays(3_660));

    /** A site's totals in one bucket: each miner's average, summed over the miners that reported. */
    public record SitePoint(Instant at, int minersReporting, BigDecimal hashrate, BigDecimal power) {
    }

    private final DataSource dataSource;

    public HistoryQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Checks the range for {@code bucket}; 400 naming the field otherwise. */
    public static void validate(String bucket, Instant from, Instant to) {
        validate(MAX_RANGE, "one of raw, 1m, 5m, 1h, 1d", bucket, from, to);
    }

    private static void validate(Map<String, Duration> maxRange, String buckets, String bucket, Instant from,
            Instant to) {
        Validation validation = new Validation().check(maxRange.containsKey(bucket), "bucket", buckets);
        validation.check(from.isBefore(to), "from", "must be before to");
        if (maxRange.containsKey(bucket)) {
            Duration max = maxRange.get(bucket);
            validation.check(Duration.between(from, to).compareTo(max) <= 0, "to",
                    "the range may be at most " + max.toDays() + " days for bucket " + bucket);
        }
        validation.validate();
    }

    public List<Point> points(long minerId, String bucket, Instant from, Instant to) {
        validate(bucket, from, to);
        boolean raw = bucket.equals("raw");
        String sql = raw ? """
                SELECT recorded_at, 1, hashrate, hashrate, temperature, temperature, power_consumption,
                       power_consumption, fan_speed, board_temperatures, chip_temperatures, fan_speeds, flags
                  FROM miner_telemetry WHERE miner_id = ? AND recorded_at >= ? AND recorded_at < ?
                 ORDER BY recorded_at""" : """
                SELECT date_bin(?::interval, recorded_at, timestamptz '2000-01-01 00:00:00+00') AS bucket, count(*),
                       round(avg(hashrate), 3), max(hashrate), round(avg(temperature), 2), max(temperature),
                       round(avg(power_consumption), 2), max(power_consumption), round(avg(fan_speed)),
                       NULL::real[], NULL::real[], NULL::integer[], NULL::smallint
                  FROM miner_telemetry WHERE miner_id = ? AND recorded_at >= ? AND recorded_at < ?
                 GROUP BY 1 ORDER BY 1""";
        List<Point> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (!raw) {
                s.setString(i++, BUCKETS.get(bucket).toSeconds() + " seconds");
            }
            s.setLong(i++, minerId);
            s.setTimestamp(i++, Timestamp.from(from));
            s.setTimestamp(i, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int flags = rs.getInt(13);
                    points.add(new Point(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            rs.getBigDecimal(8), rs.getBigDecimal(9), list(rs.getArray(10), Number::floatValue),
                            list(rs.getArray(11), Number::floatValue),
                            list(rs.getArray(12), Number::intValue), rs.wasNull() ? null : flags));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("telemetry history query failed", e);
        }
        return points;
    }

    /** Checks a site range; 400 naming the field otherwise. */
    public static void validateSite(String bucket, Instant from, Instant to) {
        validate(SITE_MAX_RANGE, "one of 5m, 1h, 1d", bucket, from, to);
    }

    /**
     * Totals of the site's polled miners (those whose latest state names the site; only
     * {@code clientId}'s when it is not null) per bucket: 5m from the raw readings; 1h and 1d from
     * the site rollups, or for a client from its miners' rollups (as fresh as the job's last run).
     */
    public List<SitePoint> sitePoints(long siteId, String clientId, String bucket, Instant from, Instant to) {
        validateSite(bucket, from, to);
        String scope = "miner_id IN (SELECT miner_id FROM miner_latest_state WHERE site_id = ? "
                + "AND (?::text IS NULL OR client_id = ?::text))";
        boolean wholeSite = clientId == null && !bucket.equals("5m");
        String sql;
        if (wholeSite) {
            sql = "SELECT bucket, miners, hashrate, power FROM "
                    + (bucket.equals("1h") ? "site_telemetry_hourly" : "site_telemetry_daily")
                    + " WHERE site_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket";
        } else if (bucket.equals("5m")) {
            sql = """
                    SELECT bucket, count(*), round(sum(h), 3), round(sum(p), 2) FROM (
                        SELECT date_bin('5 minutes', recorded_at, timestamptz '2000-01-01 00:00:00+00') AS bucket,
                               miner_id, avg(hashrate) AS h, avg(power_consumption) AS p
                          FROM miner_telemetry
                         WHERE %s AND recorded_at >= ? AND recorded_at < ?
                         GROUP BY 1, 2) per_miner
                     GROUP BY bucket ORDER BY bucket""".formatted(scope);
        } else {
            sql = """
                    SELECT bucket, count(*), round(sum(hashrate_avg), 3), round(sum(power_avg), 2)
                      FROM %s
                     WHERE %s AND bucket >= ? AND bucket < ?
                     GROUP BY bucket ORDER BY bucket""".formatted(
                    bucket.equals("1h") ? "miner_telemetry_hourly" : "miner_telemetry_daily", scope);
        }
        List<SitePoint> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setLong(i++, siteId);
            if (!wholeSite) {
                s.setString(i++, clientId);
                s.setString(i++, clientId);
            }
            s.setTimestamp(i++, Timestamp.from(from));
            s.setTimestamp(i, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    points.add(new SitePoint(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("site telemetry query failed", e);
        }
        return points;
    }

    /** The elements of a SQL array as {@code convert} makes them, or null for a NULL array. */
    private static <T> List<T> list(Array array, Function<Number, T> convert) throws SQLException {
        if (array == null) {
            return null;
        }
        List<T> values = new ArrayList<>();
        for (Object v : (Object[]) array.getArray()) {
            values.add(convert.apply((Number) v));
        }
        return values;
    }
}
