package org.hashgrid.events.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.DomainEvents;
import org.hashgrid.core.HealthCheck;
import org.hashgrid.core.HealthContributor;
import org.hashgrid.core.Workers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the transactional outbox: unpublished events in id order, a batch per transaction,
 * to EventAdmin ({@link DomainEvents} topics) and as one delivery row per matching active webhook
 * subscription, then stamps them published. At least once: a crash between posting and commit
 * posts the batch again (listeners de-duplicate by {@link DomainEvents#ID}); rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so two platform nodes never publish the same event.
 * Published events are deleted after the retention period, their deliveries with them.
 */
@Component(service = HealthContributor.class, immediate = true, configurationPid = EventsConfig.PID)
public class OutboxRelay implements HealthContributor {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int PURGE_BATCH = 10_000;

    private final DataSource database;
    private final EventAdmin eventAdmin;
    private final ScheduledExecutorService scheduler = Workers.singleThread("hashgrid-outbox-relay");
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong purged = new AtomicLong();
    private volatile EventsSettings settings;
    private volatile String outage;
    private ScheduledFuture<?> relaying;

    @Activate
    public OutboxRelay(EventsConfig config,
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))") DataSource database,
            @Reference EventAdmin eventAdmin) {
        this.database = database;
        this.eventAdmin = eventAdmin;
        modified(config);
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
    }

    /** A changed interval applies from the next run; the other settings at once. */
    @Modified
    synchronized void modified(EventsConfig config) {
        EventsSettings next =
                ConfigCheck.apply(EventsConfig.PID, EventsConfig.class, config, settings, EventsSettings::read,
                        LOG::warn);
        boolean reschedule = relaying == null || !next.relayInterval().equals(settings.relayInterval());
        settings = next;
        if (reschedule) {
            if (relaying != null) {
                relaying.cancel(false);
            }
            long millis = next.relayInterval().toMillis();
            relaying = scheduler.scheduleWithFixedDelay(this::relayQuietly, 0, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void close() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public HealthCheck check() {
        String down = outage;
        if (down != null) {
            return HealthCheck.down(down);
        }
        return HealthCheck.up(Map.of("published", published.get(), "purged", purged.get()));
    }

    private void relayQuietly() {
        try {
            while (relayBatch() == settings.relayBatchSize()) {
                // a full batch: more are waiting
            }
            if (outage != null) {
                LOG.info("Outbox relay resumed");
                outage = null;
            }
        } catch (SQLException | RuntimeException e) {
            if (outage == null) {
                LOG.warn("Outbox relay cannot reach the database, retrying (SQLState {}): {}",
                        e instanceof SQLException s ? s.getSQLState() : "-", e.getMessage());
            }
            outage = "outbox relay: " + e.getMessage();
        }
    }

    /** Publishes one batch; answers how many events it held. */
    int relayBatch() throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int count = relayBatch(connection, settings.relayBatchSize());
                connection.commit();
                published.addAndGet(count);
                return count;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int relayBatch(Connection connection, int batchSize) throws SQLException {
        List<Map<String, Object>> events = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement("SELECT id, event_type, aggregate_type, "
                + "aggregate_id, payload::text, created_at FROM outbox_events WHERE published_at IS NULL "
                + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            claim.setInt(1, batchSize);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> event = new HashMap<>();
                    event.put(DomainEvents.ID, rows.getLong(1));
                    event.put(DomainEvents.TYPE, rows.getString(2));
                    event.put(DomainEvents.AGGREGATE_TYPE, rows.getString(3));
                    event.put(DomainEvents.AGGREGATE_ID, rows.getString(4));
                    event.put(DomainEvents.PAYLOAD, rows.getString(5));
                    event.put(DomainEvents.CREATED_AT, rows.getTimestamp(6).toInstant().toString());
                    events.add(event);
                }
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        fanOut(connection, events);
        Long[] ids = events.stream().map(e -> (Long) e.get(DomainEvents.ID)).toArray(Long[]::new);
        try (PreparedStatement mark =
                connection.prepareStatement("UPDATE outbox_events SET published_at = now() WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", ids);
            mark.setArray(1, array);
            mark.executeUpdate();
        }
        for (Map<String, Object> event : events) {
            String type = (String) event.get(DomainEvents.TYPE);
            if (DomainEvents.isType(type)) {
                eventAdmin.postEvent(new Event(DomainEvents.topic(type), event));
            } else {
                LOG.warn("Outbox event {} has a malformed type and goes to webhooks only", event.get(DomainEvents.ID));
            }
        }
        return events.size();
    }

    /** One delivery row per event and active subscription that wants it. */
    private static void fanOut(Connection connection, List<Map<String, Object>> events) throws SQLException {
        Map<Long, EventTypeFilter> subscriptions = new LinkedHashMap<>();
        try (PreparedStatement active =
                connection.prepareStatement("SELECT id, event_types FROM webhook_subscriptions WHERE active");
                ResultSet rows = active.executeQuery()) {
            while (rows.next()) {
                subscriptions.put(rows.getLong(1), EventTypeFilter.stored(rows.getString(2)));
            }
        }
        if (subscriptions.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_deliveries "
                + "(subscription_id, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            boolean any = false;
            for (Map<String, Object> event : events) {
                for (Map.Entry<Long, EventTypeFilter> subscription : subscriptions.entrySet()) {
                    if (subscription.getValue().matches((String) event.get(DomainEvents.TYPE))) {
                        insert.setLong(1, subscription.getKey());
                        insert.setLong(2, (Long) event.get(DomainEvents.ID));
                        insert.addBatch();
                        any = true;
                    }
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private void purgeQuietly() {
        try {
            long count = purge(Instant.now().minus(settings.retention()));
            if (count > 0) {
                LOG.info("Deleted {} outbox events published before the retention period", count);
            }
        } catch (SQLException e) {
            LOG.warn("Outbox retention could not run, retried within the hour (SQLState {}): {}", e.getSQLState(),
                    e.getMessage());
        }
    }

    /** Deletes events published before {@code cutoff}, in batches so no transaction grows large. */
    long purge(Instant cutoff) throws SQLException {
        long total = 0;
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_events WHERE id IN "
                        + "(SELECT id FROM outbox_events WHERE published_at < ? ORDER BY published_at LIMIT ?)")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            delete.setInt(2, PURGE_BATCH);
            int deleted;
            do {
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == PURGE_BATCH);
        }
        purged.addAndGet(total);
        return total;
    }
}
