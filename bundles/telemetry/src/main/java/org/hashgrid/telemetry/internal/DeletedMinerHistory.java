package org.hashgrid.telemetry.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.hashgrid.core.DomainEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a miner's own history when hosting announces {@code miner.deleted}: its raw readings,
 * hourly and daily rollups and latest state (the telemetry tables carry no foreign key to the
 * miner, for the ingest's sake, so nothing else would). Site totals keep what the miner
 * contributed: they are facts about the site. At least once, and idempotent: a redelivered
 * event deletes nothing more.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + DomainEvents.TOPIC_PREFIX
        + "miner/deleted")
public class DeletedMinerHistory implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeletedMinerHistory.class);
    private static final String[] TABLES =
            { "miner_latest_state", "miner_telemetry_daily", "miner_telemetry_hourly", "miner_telemetry" };

    private final DataSource database;

    @Activate
    public DeletedMinerHistory(
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))") DataSource database) {
        this.database = database;
    }

    @Override
    public void handleEvent(Event event) {
        long minerId;
        try {
            minerId = Long.parseLong(String.valueOf(event.getProperty(DomainEvents.AGGREGATE_ID)));
        } catch (NumberFormatException e) {
            LOG.warn("miner.deleted event {} names no miner id", event.getProperty(DomainEvents.ID));
            return;
        }
        try {
            long rows = delete(minerId);
            LOG.info("Deleted the telemetry history of deleted miner {} ({} rows)", minerId, rows);
        } catch (SQLException e) {
            LOG.warn("Could not delete the telemetry history of deleted miner {} (SQLState {}): {}", minerId,
                    e.getSQLState(), e.getMessage());
        }
    }

    /** Deletes {@code minerId}'s rows in one transaction; answers how many. */
    long delete(long minerId) throws SQLException {
        long rows = 0;
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (String table : TABLES) {
                    try (PreparedStatement delete =
                            connection.prepareStatement("DELETE FROM " + table + " WHERE miner_id = ?")) {
                        delete.setLong(1, minerId);
                        rows += delete.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return rows;
    }
}
