package org.hashgrid.model.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.PeriodicJob;
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
 * Keeps monthly {@code miner_telemetry} partitions ahead of time: at start and then on a
 * schedule, so inserts never meet a month without a partition. A changed configuration
 * reschedules the check on the same thread, running it at once with the new settings.
 */
@Component(service = {}, immediate = true, configurationPid = TelemetryPartitions.PID)
@Designate(ocd = TelemetryPartitions.Config.class)
public class TelemetryPartitions {
    static final String PID = "org.hashgrid.model.partitions";
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPartitions.class);

    @ObjectClassDefinition(name = "Hashgrid telemetry partitions")
    public @interface Config {
        @AttributeDefinition(name = "Months ahead", description = "Partitions kept beyond the current month", min = "1")
        int months_ahead() default 2;

        @AttributeDefinition(name = "Check interval (hours)", min = "1")
        int interval_hours() default 24;
    }

    private final DataSource dataSource;
    private final PeriodicJob job = new PeriodicJob("hashgrid-telemetry-partitions", this::ensurePartitions);
    private volatile Settings settings;

    record Settings(int monthsAhead, int intervalHours) {
        static Settings read(ConfigCheck check, Config config) {
            return new Settings(check.atLeast("months.ahead", config::months_ahead, 1),
                    check.atLeast("interval.hours", config::interval_hours, 1));
        }
    }

    @Activate
    public TelemetryPartitions(Config config,
            @Reference(
                    target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))") DataSource dataSource) {
        this.dataSource = dataSource;
        modified(config);
    }

    @Modified
    synchronized void modified(Config config) {
        settings = ConfigCheck.apply(PID, Config.class, config, settings, Settings::read, LOG::warn);
        job.schedule(settings, Duration.ZERO, Duration.ofHours(settings.intervalHours()));
    }

    @Deactivate
    void close() {
        job.stop();
    }

    void ensurePartitions() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement call =
                        connection.prepareStatement("select hashgrid_ensure_telemetry_partitions(?)")) {
            call.setInt(1, settings.monthsAhead());
            try (ResultSet result = call.executeQuery()) {
                int created = result.next() ? result.getInt(1) : 0;
                if (created > 0) {
                    LOG.info("Created {} miner_telemetry partitions", created);
                }
            }
        } catch (SQLException e) {
            // Retried at the next run; the current month normally exists since the last one.
            LOG.warn("Could not ensure miner_telemetry partitions (SQLState {}): {}", e.getSQLState(), e.getMessage());
        }
    }
}
