package org.hashgrid.telemetry.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.PeriodicJob;
import org.hashgrid.model.persistence.Archive;
import org.hashgrid.model.persistence.ArchiveSlice;
import org.hashgrid.model.persistence.TableArchives;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of telemetry, 5 minutes after start and then every {@code interval.hours}: each
 * monthly partition of {@code miner_telemetry} wholly older than the raw retention, and wholly
 * rolled up (before the rollup watermark), is detached, archived, verified and dropped; hourly
 * and daily rollups older than theirs are archived and deleted by whole months (never past the
 * watermark either, which the rollup job may still recompute). A partition left detached (a
 * crash, a failed verification) is taken up again at the next run; nothing is dropped or deleted
 * unless its archive read back intact ({@link TableArchives}). Partitions ahead are
 * {@code TelemetryPartitions}' job (model bundle). A changed configuration reschedules the run
 * on the same thread, 5 minutes later.
 */
@Component(service = {}, immediate = true, configurationPid = TelemetryRetentionConfig.PID)
@Designate(ocd = TelemetryRetentionConfig.class)
public class TelemetryRetention {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryRetention.class);
    private static final String RAW = "miner_telemetry";
    /** How {@code hashgrid_ensure_telemetry_partitions} names the partition of a month. */
    private static final Pattern PARTITION = Pattern.compile("miner_telemetry_y(\\d{4})m(\\d{2})");
    private static final List<String> HOURLY = List.of("miner_telemetry_hourly", "site_telemetry_hourly");
    private static final List<String> DAILY = List.of("miner_telemetry_daily", "site_telemetry_daily");
    private static final long FIRST_RUN_MINUTES = 5;

    private final DataSource dataSource;
    private final Rollups rollups;
    private final PeriodicJob job = new PeriodicJob("hashgrid-telemetry-retention", () -> run(Instant.now()));
    /** What failed at its last attempt: logged as an error once, then as a warning at each retry. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile Settings settings;

    /** Retentions of zero keep forever. */
    record Settings(Duration raw, Duration hourly, Duration daily, int intervalHours, Path archiveDir) {
        static Settings read(ConfigCheck check, TelemetryRetentionConfig c) {
            return new Settings(Duration.ofDays(check.atLeast("raw.retention.days", c::raw_retention_days, 1)),
                    Duration.ofDays(check.atLeast("hourly.retention.days", c::hourly_retention_days, 0)),
                    Duration.ofDays(check.atLeast("daily.retention.days", c::daily_retention_days, 0)),
                    check.atLeast("interval.hours", c::interval_hours, 1),
                    check.value("archive.dir", () -> TableArchives.directory(c.archive_dir()), null));
        }
    }

    @Activate
    public TelemetryRetention(TelemetryRetentionConfig config,
            @Reference(
                    target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))") DataSource dataSource) {
        this.dataSource = dataSource;
        this.rollups = new Rollups(dataSource);
        modified(config);
    }

    @Modified
    synchronized void modified(TelemetryRetentionConfig config) {
        settings = ConfigCheck.apply(TelemetryRetentionConfig.PID, TelemetryRetentionConfig.class, config, settings,
                Settings::read, LOG::warn);
        job.schedule(settings, Duration.ofMinutes(FIRST_RUN_MINUTES), Duration.ofHours(settings.intervalHours()));
    }

    @Deactivate
    void close() {
        job.stop();
    }

    Settings settings() {
        return settings;
    }

    /**
     * One retention run as of {@code now}; a failure holds back only the partition or table it
     * concerns.
     *
     * @return the archives written
     */
    List<Archive> run(Instant now) {
        Settings s = settings;
        TableArchives archives = new TableArchives(s.archiveDir());
        List<Archive> written = new ArrayList<>();
        Optional<Instant> watermark;
        try {
            watermark = rollups.rolledUntil();
        } catch (SQLException e) {
            LOG.warn("Telemetry retention skipped: cannot read the rollup watermark ({})", e.getMessage());
            return written;
        }
        if (watermark.isEmpty()) {
            LOG.info("Telemetry retention waits for the first rollup: nothing is removed before it is rolled up");
            return written;
        }
        Instant rawCutoff = earlier(now.minus(s.raw()), watermark.get());
        attempt(RAW, () -> {
            for (Partition p : partitions()) {
                if (!p.end().isAfter(rawCutoff)) {
                    attempt(p.name(), () -> List.of(archive(archives, p)), written);
                }
            }
            return List.of();
        }, written);
        for (String table : HOURLY) {
            expire(archives, table, s.hourly(), now, watermark.get(), written);
        }
        for (String table : DAILY) {
            expire(archives, table, s.daily(), now, watermark.get(), written);
        }
        return written;
    }

    private void expire(TableArchives archives, String table, Duration keep, Instant now, Instant watermark,
            List<Archive> written) {
        if (!keep.isZero()) {
            Instant cutoff = earlier(now.minus(keep), watermark);
            attempt(table, () -> archives.archiveAndDeleteMonthsBefore(dataSource, table, "bucket", cutoff), written);
        }
    }

    private Archive archive(TableArchives archives, Partition partition) throws SQLException, IOException {
        if (partition.attached()) {
            detach(partition.name());
        }
        Archive archive = archives.archiveAndDrop(dataSource, ArchiveSlice.partition(RAW, partition.name(),
                partition.month()));
        LOG.info("Partition {} archived ({} rows, {}) and dropped", partition.name(), archive.rows(), archive.file());
        return archive;
    }

    /** Detaches in a short transaction of its own: archiving takes long, and the ingest writes to the parent. */
    private void detach(String partition) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // DETACH waits for the parent's lock; every COPY would queue behind a long wait
                s.execute("SET LOCAL lock_timeout = '10s'");
                s.execute("ALTER TABLE " + RAW + " DETACH PARTITION " + partition);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A monthly partition, attached or left detached by an earlier run. */
    record Partition(String name, YearMonth month, boolean attached) {
        Instant end() {
            return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    List<Partition> partitions() throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT c.relname, c.relispartition FROM pg_class c "
                        + "WHERE c.relkind = 'r' AND c.relnamespace = (SELECT relnamespace FROM pg_class "
                        + "WHERE oid = '" + RAW + "'::regclass) AND c.relname LIKE '" + RAW + "\\_y%' "
                        + "ORDER BY c.relname");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Matcher name = PARTITION.matcher(rs.getString(1));
                if (name.matches()) {
                    partitions.add(new Partition(name.group(), YearMonth.of(Integer.parseInt(name.group(1)),
                            Integer.parseInt(name.group(2))), rs.getBoolean(2)));
                }
            }
        }
        return partitions;
    }

    private interface Step {
        List<Archive> run() throws SQLException, IOException;
    }

    private void attempt(String what, Step step, List<Archive> written) {
        try {
            written.addAll(step.run());
            if (failing.remove(what)) {
                LOG.info("Retention of {} succeeded after earlier failures", what);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            if (failing.add(what)) {
                LOG.error("Retention of {} failed; nothing of it is removed, the next run tries again: {}", what,
                        e.getMessage());
            } else {
                LOG.warn("Retention of {} still fails: {}", what, e.getMessage());
            }
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
