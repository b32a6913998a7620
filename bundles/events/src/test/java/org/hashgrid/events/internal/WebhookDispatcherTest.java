package org.hashgrid.events.internal;

import static org.hashgrid.events.internal.EventsTestSupport.await;
import static org.hashgrid.events.internal.EventsTestSupport.config;
import static org.hashgrid.events.internal.EventsTestSupport.count;
import static org.hashgrid.events.internal.EventsTestSupport.event;
import static org.hashgrid.events.internal.EventsTestSupport.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** Deliveries to a real HTTP receiver: signatures, retries with backoff, the dead state, 410, redirects. */
class WebhookDispatcherTest extends DatabaseTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** One request as the receiver saw it. */
    record Received(String id, String timestamp, String signature, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    private DataSource database;
    private HttpServer receiver;
    private String url;

    @BeforeEach
    void start() throws Exception {
        database = db.dataSource();
        scalar(database, "WITH d AS (DELETE FROM outbox_events RETURNING 1) SELECT count(*) FROM d");
        scalar(database, "WITH d AS (DELETE FROM webhook_subscriptions RETURNING 1) SELECT count(*) FROM d");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.start();
        url = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (WebhookDispatcher dispatcher : dispatchers) {
            dispatcher.close();
        }
        for (OutboxRelay relay : relays) {
            relay.close();
        }
        receiver.stop(0);
    }

    /** The receiver answers {@code statuses} in turn, the last one from then on. */
    private void answer(String path, int... statuses) {
        AtomicInteger calls = new AtomicInteger();
        receiver.createContext(path, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body));
            int status = statuses[Math.min(calls.getAndIncrement(), statuses.length - 1)];
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", url + "/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }

    private long subscribe(String path) throws SQLException {
        return scalar(database, "INSERT INTO webhook_subscriptions (url, secret) VALUES (?, ?) RETURNING id",
                url + path, SECRET);
    }

    private void run(Map<String, Object> settings) {
        EventsConfig config = config(settings);
        relays.add(new OutboxRelay(config, database, new RecordingEventAdmin()));
        dispatchers.add(new WebhookDispatcher(config, database, new WebhookTargets(config, EventsTestSupport.PORTS)));
    }

    private String status(long subscription) throws SQLException {
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement(
                        "SELECT status || ' ' || attempts || ' ' || coalesce(last_status::text, '-') || ' ' "
                                + "|| coalesce(last_error, '-') FROM webhook_deliveries WHERE subscription_id = ?")) {
            statement.setLong(1, subscription);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "none";
            }
        }
    }

    @Test
    void aDeliveryIsSignedAsStandardWebhooksSpecifyAndSentOnce() throws Exception {
        answer("/ok", 204);
        long subscription = subscribe("/ok");
        long id = event(database, "miner.status_changed", "{\"miner_id\": 7, \"to\": \"offline\"}");
        run(Map.of());

        await("the delivery is done", Duration.ofSeconds(15),
                () -> count(database, "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'") == 1);
        assertEquals("delivered 1 204 -", status(subscription));
        assertEquals(1, received.size());
        Received request = received.get(0);
        assertEquals(String.valueOf(id), request.id());
        long timestamp = Long.parseLong(request.timestamp());
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
        byte[] expected = mac.doFinal((request.id() + "." + request.timestamp() + "."
                + new String(request.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        assertTrue(request.signature().startsWith("v1,"));
        assertArrayEquals(expected, Base64.getDecoder().decode(request.signature().substring(3)));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals(id, body.get("id").asLong());
        assertEquals("miner.status_changed", body.get("type").asText());
        assertEquals("miner", body.get("aggregate_type").asText());
        assertEquals("7", body.get("aggregate_id").asText());
        assertEquals("offline", body.get("data").get("to").asText());
    }

    @Test
    void failuresAreRetriedWithBackoffUntilTheReceiverAnswers() throws Exception {
        answer("/flaky", 500, 503, 200);
        long subscription = subscribe("/flaky");
        event(database, "miner.created", "{}");
        run(Map.of("webhook_backoff_seconds", 1));

        await("the third attempt succeeds", Duration.ofSeconds(20), () -> received.size() == 3);
        await("it is recorded", Duration.ofSeconds(5),
                () -> count(database, "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'") == 1);
        assertEquals("delivered 3 200 -", status(subscription));
        assertEquals(1, received.stream().map(Received::id).distinct().count(), "one webhook-id for every attempt");
    }

    @Test
    void aDeliveryDiesWhenTheAttemptsRunOutAndRedirectsAreNotFollowed() throws Exception {
        answer("/moved", 302);
        answer("/elsewhere", 200);
        long subscription = subscribe("/moved");
        event(database, "miner.created", "{}");
        run(Map.of("webhook_backoff_seconds", 1, "webhook_max_attempts", 2));

        await("the delivery is dead", Duration.ofSeconds(20),
                () -> count(database, "SELECT count(*) FROM webhook_deliveries WHERE status = 'dead'") == 1);
        assertEquals("dead 2 302 HTTP 302", status(subscription));
        assertEquals(2, received.size(), "the redirect target was never called");
    }

    @Test
    void aReceiverAnswering410TurnsItsSubscriptionOff() throws Exception {
        answer("/gone", 410);
        long subscription = subscribe("/gone");
        event(database, "miner.created", "{}");
        run(Map.of());

        await("the delivery is dead", Duration.ofSeconds(15),
                () -> count(database, "SELECT count(*) FROM webhook_deliveries WHERE status = 'dead'") == 1);
        assertEquals("dead 1 410 HTTP 410", status(subscription));
        assertEquals(0, scalar(database, "SELECT count(*) FROM webhook_subscriptions WHERE id = ? AND active",
                subscription));
    }

    @Test
    void aTargetThatBecameRefusedIsNotCalled() throws Exception {
        long subscription = scalar(database, "INSERT INTO webhook_subscriptions (url, secret) VALUES (?, ?) "
                + "RETURNING id", "http://127.0.0.1:" + EventsTestSupport.PLATFORM_PORT + "/hook", SECRET);
        event(database, "miner.created", "{}");
        run(Map.of("webhook_max_attempts", 1));

        await("the delivery is dead", Duration.ofSeconds(15),
                () -> count(database, "SELECT count(*) FROM webhook_deliveries WHERE status = 'dead'") == 1);
        assertEquals("dead 1 - refused: port 8181 is the platform's", status(subscription));
    }
}
