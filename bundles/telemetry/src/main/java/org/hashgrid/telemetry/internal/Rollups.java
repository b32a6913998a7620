package org.hashgrid.telemetry.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Keeps {@code miner_telemetry_hourly} from the raw readings, {@code miner_telemetry_daily} from
 * the hourly rows, and the site totals {@code site_telemetry_hourly} / {@code _daily} from those
 * (each miner at the site its latest state names), computed by PostgreSQL in one statement each. A run recomputes the
 * hours (and days) that may still change — from {@code since} to now — and upserts them, so it
 * can run as often as wanted, be interrupted, or run twice: the result is the same.
 */
public final class Rollups {
    private static final String ORIGIN = "timestamptz '2000-01-01 00:00:00+00'";
    private static final String HOURLY = """
            INSERT INTO miner_telemetry_hourly AS h (miner_id, bucket, samples, hashrate_avg, hashrate_max,
                   temperature_avg, temperature_max, power_avg, power_max, seconds_online, energy_kwh)
            SELECT miner_id, date_bin('1 hour', recorded_at, %1$s), count(*), round(avg(hashrate), 3), max(hashrate),
                   round(avg(temperature), 2), max(temperature), round(avg(power_consumption), 2),
                   max(power_consumption), least(3600, count(*) * ?),
                   round(avg(power_consumption) * least(3600, count(*) * ?) / 3600 / 1000, 4)
              FROM miner_telemetry
             WHERE recorded_at >= ? AND recorded_at < ?
             GROUP BY 1, 2
            ON CONFLICT (miner_id, bucket) DO UPDATE SET samples = EXCLUDED.samples,
                   hashrate_avg = EXCLUDED.hashrate_avg, hashrate_max = EXCLUDED.hashrate_max,
                   temperature_avg = EXCLUDED.temperature_avg, temperature_max = EXCLUDED.temperature_max,
                   power_avg = EXCLUDED.power_avg, power_max = EXCLUDED.power_max,
                   seconds_online = EXCLUDED.seconds_online, energy_kwh = EXCLUDED.energy_kwh""".formatted(ORIGIN);
    private static final String DAILY =
            """
                    INSERT INTO miner_telemetry_daily AS d (miner_id, bucket, samples, hashrate_avg, hashrate_max,
                           temperature_avg, temperature_max, power_avg, power_max, seconds_online, energy_kwh)
                    SELECT miner_id, date_bin('1 day', bucket, %1$s), sum(samples),
                           round(sum(hashrate_avg * samples) / nullif(sum(samples) FILTER (WHERE hashrate_avg IS NOT NULL), 0), 3),
                           max(hashrate_max),
                           round(sum(temperature_avg * samples) / nullif(sum(samples) FILTER (WHERE temperature_avg IS NOT NULL), 0), 2),
                           max(temperature_max),
                           round(sum(power_avg * samples) / nullif(sum(samples) FILTER (WHERE power_avg IS NOT NULL), 0), 2),
                           max(power_max), sum(seconds_online), sum(energy_kwh)
                      FROM miner_telemetry_hourly
                     WHERE bucket >= ? AND bucket < ?
                     GROUP BY 1, 2
                    ON CONFLICT (miner_id, bucket) DO UPDATE SET samples = EXCLUDED.samples,
                           hashrate_avg = EXCLUDED.hashrate_avg, hashrate_max = EXCLUDED.hashrate_max,
                           temperature_avg = EXCLUDED.temperature_avg, temperature_max = EXCLUDED.temperature_max,
                           power_avg = EXCLUDED.power_avg, power_max = EXCLUDED.power_max,
                           seconds_online = EXCLUDED.seconds_online, energy_kwh = EXCLUDED.energy_kwh"""
                    .formatted(ORIGIN);

    private static final String SITE_HOURLY = """
            INSERT INTO site_telemetry_hourly AS s (site_id, bucket, miners, hashrate, power, energy_kwh)
            SELECT l.site_id, h.bucket, count(*), sum(h.hashrate_avg), sum(h.power_avg), sum(h.energy_kwh)
              FROM miner_telemetry_hourly h JOIN miner_latest_state l ON l.miner_id = h.miner_id
             WHERE h.bucket >= ? AND h.bucket < ?
             GROUP BY 1, 2
            ON CONFLICT (site_id, bucket) DO UPDATE SET miners = EXCLUDED.miners, hashrate = EXCLUDED.hashrate,
                   power = EXCLUDED.power, energy_kwh = EXCLUDED.energy_kwh""";
    /** A day's site figures: the average over its hours of the miners reporting, hashrate and power. */
    private static final String SITE_DAILY = """
            INSERT INTO site_telemetry_daily AS s (site_id, bucket, miners, hashrate, power, energy_kwh)
            SELECT site_id, date_bin('1 day', bucket, %1$s), round(avg(miners)), round(avg(hashrate), 3),
                   round(avg(power), 2), sum(energy_kwh)
              FROM site_telemetry_hourly
             WHERE bucket >= ? AND bucket < ?
             GROUP BY 1, 2
            ON CONFLICT (site_id, bucket) DO UPDATE SET miners = EXCLUDED.miners, hashrate = EXCLUDED.hashrate,
                   power = EXCLUDED.power, energy_kwh = EXCLUDED.energy_kwh""".formatted(ORIGIN);

    /** How far back a first run (nothing rolled up yet) starts. */
    static final Duration FIRST_RUN = Duration.ofDays(2);

    private final DataSource dataSource;

    public Rollups(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Rolls up from where the last run stopped (the hour it was in, which may have grown since)
     * to {@code now}, and records how far it got.
     *
     * @return hourly rows written
     */
    public int catchUp(Instant now, Duration pollInterval) throws SQLException {
        Instant since = rolledUntil().orElse(now.minus(FIRST_RUN));
        int rows = run(since, now, pollInterval);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO telemetry_rollup_state (name, rolled_until) VALUES ('hourly', ?) "
                        + "ON CONFLICT (name) DO UPDATE SET rolled_until = EXCLUDED.rolled_until")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.executeUpdate();
        }
        return rows;
    }

    /**
     * How far the raw readings are rolled up (the watermark): a run never recomputes an hour that
     * ends before it. Empty before the first run.
     */
    public Optional<Instant> rolledUntil() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT rolled_until FROM telemetry_rollup_state WHERE name = 'hourly'");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
        }
    }

    /**
     * Recomputes the hours from the one holding {@code since} to the one holding {@code until},
     * then the days that hold them.
     *
     * @param pollInterval what one reading stands for, for {@code seconds_online} and energy
     * @return hourly rows written
     */
    public int run(Instant since, Instant until, Duration pollInterval) throws SQLException {
        Instant firstHour = since.truncatedTo(ChronoUnit.HOURS);
        Instant lastHour = until.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant firstDay = since.truncatedTo(ChronoUnit.DAYS);
        Instant lastDay = until.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int hours;
                try (PreparedStatement s = c.prepareStatement(HOURLY)) {
                    s.setLong(1, pollInterval.toSeconds());
                    s.setLong(2, pollInterval.toSeconds());
                    s.setTimestamp(3, Timestamp.from(firstHour));
                    s.setTimestamp(4, Timestamp.from(lastHour));
                    hours = s.executeUpdate();
                }
                between(c, DAILY, firstDay, lastDay);
                between(c, SITE_HOURLY, firstHour, lastHour);
                between(c, SITE_DAILY, firstDay, lastDay);
                c.commit();
                return hours;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void between(Connection c, String sql, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            s.executeUpdate();
        }
    }
}
