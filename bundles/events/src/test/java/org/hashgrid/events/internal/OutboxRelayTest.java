package org.hashgrid.events.internal;

import static org.hashgrid.events.internal.EventsTestSupport.await;
import static org.hashgrid.events.internal.EventsTestSupport.config;
import static org.hashgrid.events.internal.EventsTestSupport.count;
import static org.hashgrid.events.internal.EventsTestSupport.event;
import static org.hashgrid.events.internal.EventsTestSupport.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.hashgrid.core.DomainEvents;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** The relay on a real PostgreSQL: topics, fan-out to subscriptions, exactly one publication per event, retention. */
class OutboxRelayTest extends DatabaseTest {
    private final List<OutboxRelay> relays = new ArrayList<>();
    private DataSource database;

    @BeforeEach
    void clean() throws SQLException {
        database = db.dataSource();
        scalar(database, "WITH d AS (DELETE FROM outbox_events RETURNING 1) SELECT count(*) FROM d");
        scalar(database, "WITH d AS (DELETE FROM webhook_subscriptions RETURNING 1) SELECT count(*) FROM d");
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (OutboxRelay relay : relays) {
            relay.close();
        }
    }

    private RecordingEventAdmin startRelay() {
        RecordingEventAdmin eventAdmin = new RecordingEventAdmin();
        relays.add(new OutboxRelay(config(Map.of("relay_interval_millis", 50, "relay_batch_size", 100)), database,
                eventAdmin));
        return eventAdmin;
    }

    private long subscription(String types, boolean active) throws SQLException {
        return scalar(database, "INSERT INTO webhook_subscriptions (url, secret, event_types, active) "
                + "VALUES ('http://127.0.0.1:9/hook', 'whsec_AAAA', ?, ?) RETURNING id", types, active);
    }

    @Test
    void eventsGoToTheirTopicsAndToEverySubscriptionThatWantsThem() throws Exception {
        long all = subscription("*", true);
        long miners = subscription("miner.*", true);
        long alerts = subscription("alert.raised", true);
        long off = subscription("*", false);
        long created = event(database, "miner.created", "{\"miner_id\": 7}");
        long changed = event(database, "miner.status_changed", "{\"from\": \"active\", \"to\": \"offline\"}");
        long raised = event(database, "alert.raised", "{\"rule\": \"temperature\"}");
        RecordingEventAdmin eventAdmin = startRelay();

        await("three events are posted", Duration.ofSeconds(10), () -> eventAdmin.posted.size() == 3);
        List<Event> posted = eventAdmin.posted;
        assertEquals(List.of("hashgrid/miner/created", "hashgrid/miner/status_changed", "hashgrid/alert/raised"),
                posted.stream().map(Event::getTopic).toList());
        Event first = posted.get(0);
        assertEquals(created, first.getProperty(DomainEvents.ID));
        assertEquals("miner.created", first.getProperty(DomainEvents.TYPE));
        assertEquals("miner", first.getProperty(DomainEvents.AGGREGATE_TYPE));
        assertEquals("7", first.getProperty(DomainEvents.AGGREGATE_ID));
        assertEquals("{\"miner_id\": 7}", first.getProperty(DomainEvents.PAYLOAD));
        Instant.parse((String) first.getProperty(DomainEvents.CREATED_AT));

        await("all are stamped published", Duration.ofSeconds(5),
                () -> count(database, "SELECT count(*) FROM outbox_events WHERE published_at IS NULL") == 0);
        assertEquals(3, scalar(database, "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ?", all));
        assertEquals(2, scalar(database, "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ? "
                + "AND event_id IN (?, ?)", miners, created, changed));
        assertEquals(1, scalar(database, "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ? "
                + "AND event_id = ?", alerts, raised));
        assertEquals(0, scalar(database, "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ?", off));
    }

    @Test
    void twoRelaysOnOneDatabasePublishEveryEventExactlyOnceWhileWritersCommit() throws Exception {
        long all = subscription("*", true);
        RecordingEventAdmin one = startRelay();
        RecordingEventAdmin two = startRelay();
        int writers = 4;
        int perWriter = 250;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                // each insert its own transaction, committed while the relays run
                try (Connection connection = database.getConnection();
                        PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox_events "
                                + "(aggregate_type, aggregate_id, event_type, payload) VALUES ('miner', '1', "
                                + "'miner.updated', '{}')")) {
                    for (int i = 0; i < perWriter; i++) {
                        insert.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        pool.shutdown();
        int total = writers * perWriter;
        await("every event is posted", Duration.ofSeconds(30), () -> one.posted.size() + two.posted.size() >= total);
        await("every event is stamped", Duration.ofSeconds(10),
                () -> count(database, "SELECT count(*) FROM outbox_events WHERE published_at IS NULL") == 0);
        Thread.sleep(300); // a duplicate would show within a few relay runs
        Set<Object> ids = new HashSet<>();
        one.posted.forEach(e -> ids.add(e.getProperty(DomainEvents.ID)));
        two.posted.forEach(e -> ids.add(e.getProperty(DomainEvents.ID)));
        assertEquals(total, ids.size());
        assertEquals(total, one.posted.size() + two.posted.size(), "an event was posted twice");
        assertEquals(total, scalar(database, "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ?", all));
    }

    @Test
    void publishedEventsOlderThanTheRetentionGoWithTheirDeliveries() throws Exception {
        long all = subscription("*", true);
        event(database, "miner.created", "{}");
        event(database, "miner.created", "{}");
        RecordingEventAdmin eventAdmin = startRelay();
        await("both are posted", Duration.ofSeconds(10), () -> eventAdmin.posted.size() == 2);
        await("both are stamped", Duration.ofSeconds(5),
                () -> count(database, "SELECT count(*) FROM outbox_events WHERE published_at IS NULL") == 0);
        relays.get(0).close();
        long waiting = event(database, "miner.deleted", "{}");
        scalar(database, "WITH u AS (UPDATE outbox_events SET published_at = now() - interval '31 days' "
                + "WHERE published_at IS NOT NULL RETURNING 1) SELECT count(*) FROM u");

        assertEquals(2, relays.get(0).purge(Instant.now().minus(Duration.ofDays(30))));
        assertEquals(waiting, scalar(database, "SELECT min(id) FROM outbox_events"));
        assertEquals(1, scalar(database, "SELECT count(*) FROM outbox_events"));
        assertEquals(0, scalar(database, "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ?", all));
    }
}
