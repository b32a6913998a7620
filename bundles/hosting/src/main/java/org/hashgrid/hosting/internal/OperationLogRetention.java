package org.hashgrid.hosting.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.PeriodicJob;
import org.hashgrid.model.persistence.Archive;
import org.hashgrid.model.persistence.TableArchives;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of {@code miner_operation_log} (one year by default), 5 minutes after start and then
 * every {@code interval.hours}: the entries of each month wholly older than the retention are
 * archived, the archive is read back and verified, and exactly those entries are deleted, in one
 * transaction per month ({@link TableArchives#archiveAndDeleteMonthsBefore}). A failed month
 * keeps its entries and is tried again at the next run. A changed configuration reschedules the
 * run on the same thread, 5 minutes later.
 */
@Component(service = {}, immediate = true, configurationPid = OperationLogRetention.PID)
@Designate(ocd = OperationLogRetention.Config.class)
public class OperationLogRetention {
    static final String PID = "org.hashgrid.hosting.retention";
    private static final Logger LOG = LoggerFactory.getLogger(OperationLogRetention.class);
    private static final long FIRST_RUN_MINUTES = 5;

    @ObjectClassDefinition(name = "Hashgrid operation log retention")
    public @interface Config {
        @AttributeDefinition(name = "Retention (days)", description = "Entries of a month older than this are "
                + "archived, verified and deleted", min = "1")
        int retention_days() default 365;

        @AttributeDefinition(name = "Interval (hours)", min = "1")
        int interval_hours() default 24;

        @AttributeDefinition(name = "Archive folder", description = "Empty: ${karaf.data}/archives; a relative "
                + "path is taken from ${karaf.data}")
        String archive_dir() default "";
    }

    record Settings(Duration retention, int intervalHours, Path archiveDir) {
        static Settings read(ConfigCheck check, Config c) {
            return new Settings(Duration.ofDays(check.atLeast("retention.days", c::retention_days, 1)),
                    check.atLeast("interval.hours", c::interval_hours, 1),
                    check.value("archive.dir", () -> TableArchives.directory(c.archive_dir()), null));
        }
    }

    private final DataSource dataSource;
    private final PeriodicJob job = new PeriodicJob("hashgrid-operation-log-retention", () -> run(Instant.now()));
    private volatile Settings settings;
    private boolean failed;

    @Activate
    public OperationLogRetention(Config config,
            @Reference(
                    target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))") DataSource dataSource) {
        this.dataSource = dataSource;
        modified(config);
    }

    @Modified
    synchronized void modified(Config config) {
        settings = ConfigCheck.apply(PID, Config.class, config, settings, Settings::read, LOG::warn);
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
     * Archives and deletes the months wholly older than the retention as of {@code now}.
     *
     * @return the archives written, oldest first (those before a failure)
     */
    List<Archive> run(Instant now) {
        Settings s = settings;
        try {
            List<Archive> archives = new TableArchives(s.archiveDir()).archiveAndDeleteMonthsBefore(dataSource,
                    "miner_operation_log", "timestamp", now.minus(s.retention()));
            for (Archive a : archives) {
                LOG.info("Archived and deleted {} operation log entries of {} to {}", a.rows(), a.from(), a.file());
            }
            failed = false;
            return archives;
        } catch (SQLException | IOException | RuntimeException e) {
            // once as an error, then a warning at each run until it works again
            if (failed) {
                LOG.warn("Operation log retention still fails: {}", e.getMessage());
            } else {
                LOG.error(
                        "Operation log retention failed; no entry is deleted unarchived, the next run tries again: {}",
                        e.getMessage());
            }
            failed = true;
            return List.of();
        }
    }
}
