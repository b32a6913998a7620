package org.hashgrid.events.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.hashgrid.api.JsonMapping;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.Workers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Works through the due webhook deliveries: claims a batch (a lease pushes their next attempt
 * past the request's timeout, so a crashed node's claims come due again), POSTs each signed event
 * without following redirects, and records the outcome — delivered on 2xx, else another attempt
 * after a doubling backoff, dead when the attempts run out. A 410 Gone also turns the
 * subscription off. Requests are asynchronous, bounded by {@code webhook.max.in.flight}.
 */
@Component(service = WebhookDispatcher.class, immediate = true, configurationPid = EventsConfig.PID)
public class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final String USER_AGENT = "Hashgrid-Webhooks/1.0";
    private static final int MAX_ERROR = 500;

    private final DataSource database;
    private final WebhookTargets targets;
    private final ObjectMapper json = JsonMapping.newMapper();
    private final ScheduledExecutorService scheduler = Workers.singleThread("hashgrid-webhook-dispatcher");
    /** Records outcomes off the HTTP client's threads, whose work should stay short. */
    private final ExecutorService recorder = Workers.pool("hashgrid-webhook-outcome", 2);
    private final HttpClient client;
    private final Semaphore inFlight = new Semaphore(0);
    private volatile EventsSettings settings;
    private int permits;
    private volatile boolean databaseAway;

    /** A claimed delivery with what it takes to send it. */
    record Due(long id, int attempts, long subscriptionId, URI url, String secret, long eventId, String type,
            String aggregateType, String aggregateId, String payload, Instant createdAt) {
    }

    @Activate
    public WebhookDispatcher(EventsConfig config,
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))") DataSource database,
            @Reference WebhookTargets targets) {
        this.database = database;
        this.targets = targets;
        modified(config);
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout()).build();
        scheduler.scheduleWithFixedDelay(this::dispatchQuietly, 1, 1, TimeUnit.SECONDS);
    }

    @Modified
    synchronized void modified(EventsConfig config) {
        settings = ConfigCheck.apply(EventsConfig.PID, EventsConfig.class, config, settings, EventsSettings::read,
                LOG::warn);
        int wanted = settings.maxInFlight();
        if (wanted > permits) {
            inFlight.release(wanted - permits);
        } else {
            inFlight.acquireUninterruptibly(permits - wanted);
        }
        permits = wanted;
    }

    @Deactivate
    void close() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        // outcomes of requests still out are lost with the lease: those deliveries come due again
        recorder.shutdown();
        recorder.awaitTermination(settings.timeout().toSeconds() + 1, TimeUnit.SECONDS);
    }

    private void dispatchQuietly() {
        try {
            int free = inFlight.availablePermits();
            if (free > 0) {
                for (Due due : claim(free)) {
                    inFlight.acquireUninterruptibly();
                    send(due);
                }
            }
            if (databaseAway) {
                LOG.info("Webhook dispatcher resumed");
                databaseAway = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!databaseAway) {
                LOG.warn("Webhook dispatcher cannot reach the database, retrying: {}", e.getMessage());
                databaseAway = true;
            }
        }
    }

    /** Claims up to {@code limit} due deliveries of active subscriptions. */
    List<Due> claim(int limit) throws SQLException {
        Duration lease = settings.timeout().multipliedBy(2).plusSeconds(30);
        List<Due> claimed = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement("WITH due AS ("
                        + " SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id"
                        + " WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND s.active"
                        + " ORDER BY d.next_attempt_at, d.id LIMIT ? FOR UPDATE OF d SKIP LOCKED),"
                        + " claimed AS (UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => ?)"
                        + " FROM due WHERE d.id = due.id RETURNING d.id, d.attempts, d.subscription_id, d.event_id)"
                        + " SELECT c.id, c.attempts, s.id, s.url, s.secret, e.id, e.event_type, e.aggregate_type,"
                        + " e.aggregate_id, e.payload::text, e.created_at FROM claimed c"
                        + " JOIN webhook_subscriptions s ON s.id = c.subscription_id"
                        + " JOIN outbox_events e ON e.id = c.event_id")) {
            statement.setInt(1, limit);
            statement.setLong(2, lease.toSeconds());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Due(rows.getLong(1), rows.getInt(2), rows.getLong(3), URI.create(rows.getString(4)),
                            rows.getString(5), rows.getLong(6), rows.getString(7), rows.getString(8),
                            rows.getString(9), rows.getString(10), rows.getTimestamp(11).toInstant()));
                }
            }
        }
        return claimed;
    }

    private void send(Due due) {
        String refusal = targets.refusal(due.url());
        if (refusal != null) {
            recordAsync(due, null, "refused: " + refusal);
            return;
        }
        byte[] body;
        try {
            body = body(due);
        } catch (JsonProcessingException e) {
            recordAsync(due, null, "event payload is not JSON");
            return;
        }
        String id = String.valueOf(due.eventId());
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(due.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", WebhookSignature.sign(due.secret(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenCompleteAsync((response, failure) -> {
            if (failure != null) {
                recordQuietly(due, null, describe(failure));
            } else {
                int status = response.statusCode();
                recordQuietly(due, status, status >= 200 && status < 300 ? null : "HTTP " + status);
            }
        }, recorder);
    }

    /** The body every receiver gets: the event's envelope with its payload as {@code data}. */
    byte[] body(Due due) throws JsonProcessingException {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("id", due.eventId());
        envelope.put("type", due.type());
        envelope.put("timestamp", due.createdAt().toString());
        envelope.put("aggregate_type", due.aggregateType());
        envelope.put("aggregate_id", due.aggregateId());
        envelope.set("data", json.readTree(due.payload()));
        return json.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
    }

    private void recordAsync(Due due, Integer status, String error) {
        recorder.execute(() -> recordQuietly(due, status, error));
    }

    private void recordQuietly(Due due, Integer status, String error) {
        try {
            record(due, status, error);
        } catch (SQLException e) {
            // the lease runs out and the delivery comes due again: at least once
            LOG.warn("Could not record webhook delivery {} (SQLState {}); it will be sent again", due.id(),
                    e.getSQLState());
        } finally {
            inFlight.release();
        }
    }

    /** Records an attempt: delivered when {@code error} is null, else retried later or dead. */
    void record(Due due, Integer status, String error) throws SQLException {
        EventsSettings current = settings;
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (error == null) {
                    try (PreparedStatement delivered = connection.prepareStatement("UPDATE webhook_deliveries SET"
                            + " status = 'delivered', attempts = attempts + 1, last_attempt_at = now(),"
                            + " last_status = ?, last_error = NULL, delivered_at = now() WHERE id = ?")) {
                        delivered.setInt(1, status);
                        delivered.setLong(2, due.id());
                        delivered.executeUpdate();
                    }
                } else {
                    boolean gone = status != null && status == 410;
                    int attempts = due.attempts() + 1;
                    boolean dead = gone || attempts >= current.maxAttempts();
                    Duration wait = current.backoff(attempts, ThreadLocalRandom.current().nextDouble());
                    try (PreparedStatement failed = connection.prepareStatement("UPDATE webhook_deliveries SET"
                            + " status = ?, attempts = attempts + 1, last_attempt_at = now(), last_status = ?,"
                            + " last_error = ?, next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?")) {
                        failed.setString(1, dead ? "dead" : "pending");
                        failed.setObject(2, status);
                        failed.setString(3, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
                        failed.setDouble(4, wait.toMillis() / 1000.0);
                        failed.setLong(5, due.id());
                        failed.executeUpdate();
                    }
                    if (gone) {
                        try (PreparedStatement off = connection.prepareStatement(
                                "UPDATE webhook_subscriptions SET active = false, updated_at = now() WHERE id = ?")) {
                            off.setLong(1, due.subscriptionId());
                            off.executeUpdate();
                        }
                        LOG.info("Webhook {} answered 410 Gone and is now inactive", due.subscriptionId());
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** A failure as the delivery shows it: what happened, never a stack trace. */
    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + settings.timeout().toSeconds() + " s";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
