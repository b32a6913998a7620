package org.hashgrid.model.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.hashgrid.core.Workers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps monthly {@code miner_telemetry} partitions ahead of time: at start and then on a
 * schedule, so inserts never meet a month without a partition.
 */
@Component(service = {}, immediate = true, configurationPid = "org.hashgrid.model.partitions")
@Designate(ocd = TelemetryPartitions.Config.class)
public class TelemetryPartitions {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPartitions.class);

    @ObjectClassDefinition(name = "Hashgrid telemetry partitions")
    public @interface Config {
        @AttributeDefinition(name = "Months ahead", description = "Partitions kept beyond the current month", min = "1")
        int months_ahead() default 2;

        @AttributeDefinition(name = "Check interval (hours)", min = "1")
        int interval_hours() default 24;
    }

    private final DataSource dataSource;
    private final int monthsAhead;
    private final ScheduledExecutorService scheduler;

    @Activate
    public TelemetryPartitions(Config config,
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))")
            DataSource dataSource) {
        this.dataSource = dataSource;
        this.monthsAhead = config.months_ahead();
        this.scheduler = Workers.singleThread("hashgrid-telemetry-partitions");
        scheduler.scheduleWithFixedDelay(this::ensurePartitions, 0, config.interval_hours(), TimeUnit.HOURS);
    }

    @Deactivate
    void close() {
        scheduler.shutdownNow();
    }

    void ensurePartitions() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement call = connection.prepareStatement("select hashgrid_ensure_telemetry_partitions(?)")) {
            call.setInt(1, monthsAhead);
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
