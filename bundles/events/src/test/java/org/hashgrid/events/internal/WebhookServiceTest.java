package org.hashgrid.events.internal;

import static org.hashgrid.events.internal.EventsTestSupport.config;
import static org.hashgrid.events.internal.EventsTestSupport.event;
import static org.hashgrid.events.internal.EventsTestSupport.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hashgrid.api.MergePatch;
import org.hashgrid.core.FieldError;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.events.Delivery;
import org.hashgrid.events.NewWebhook;
import org.hashgrid.events.Webhook;
import org.hashgrid.events.WebhookSecret;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Subscriptions: what a URL may be, the secret shown twice only, patches, delivery listings and retries. */
class WebhookServiceTest extends DatabaseTest {
    private static WebhookService webhooks;
    private static WebhookService strict;

    @BeforeAll
    static void services() {
        webhooks = new WebhookService(tx, new WebhookTargets(config(Map.of()), EventsTestSupport.PORTS));
        EventsConfig defaults = Configs.of(EventsConfig.class, Map.of());
        strict = new WebhookService(tx, new WebhookTargets(defaults, EventsTestSupport.PORTS));
    }

    private static MergePatch patch(Map<String, Object> body) {
        return new MergePatch(new ObjectMapper().valueToTree(body));
    }

    private static List<String> errors(Runnable action) {
        ProblemException problem = assertThrows(ProblemException.class, action::run);
        assertEquals(400, problem.status());
        return problem.errors().stream().map(e -> e.field() + ": " + e.message()).toList();
    }

    @Test
    void aSubscriptionIsMadeWithASecretThatIsNeverListed() {
        WebhookSecret created = webhooks.create(callers.admin(),
                new NewWebhook("https://127.0.0.1:9443/hooks", List.of("miner.*", "alert.raised", "miner.*"), " ops "));
        assertTrue(created.secret().startsWith("whsec_"));
        Webhook webhook = created.webhook();
        assertEquals(List.of("miner.*", "alert.raised"), webhook.eventTypes());
        assertEquals("ops", webhook.description());
        assertTrue(webhook.active());
        assertEquals(callers.admin().accountId(), webhook.createdBy());
        assertEquals(webhook, webhooks.get(webhook.id()));
        assertFalse(webhooks.list(PageRequest.of(500, null)).toString().contains(created.secret()));

        WebhookSecret rotated = webhooks.rotateSecret(webhook.id());
        assertNotEquals(created.secret(), rotated.secret());
        assertEquals(List.of("*"), webhooks.create(callers.owner(), new NewWebhook("http://127.0.0.1:9/x", null, null))
                .webhook().eventTypes());
    }

    @Test
    void urlsThatMustNotBeCalledAreRefusedAndNothingIsSaved() {
        long before = webhooks.list(PageRequest.of(500, null)).items().size();
        for (String url : new String[] { null, "", "ftp://example.com/x", "/relative", "http://user:pw@127.0.0.1/x",
            "http://127.0.0.1:8181/api/v1/sites", "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/x",
            "http://no-such-host.invalid/x", "http://127.0.0.1/x#part", "http://" + "a".repeat(2000) + ".com" }) {
            List<String> errors = errors(() -> webhooks.create(callers.admin(), new NewWebhook(url, null, null)));
            assertEquals(1, errors.size(), url + " → " + errors);
            assertTrue(errors.get(0).startsWith("url: "), errors.get(0));
        }
        // loopback is refused under the shipped defaults
        assertTrue(errors(() -> strict.create(callers.admin(), new NewWebhook("http://127.0.0.1:9/x", null, null)))
                .get(0).contains("127.0.0.1 of 127.0.0.1 is not allowed"));
        assertEquals(before, webhooks.list(PageRequest.of(500, null)).items().size());
    }

    @Test
    void eventTypesAndDescriptionsAreChecked() {
        List<String> errors = errors(() -> webhooks.create(callers.admin(), new NewWebhook("http://127.0.0.1:9/x",
                Arrays.asList("miner", "MINER.created", "miner.**", null, "miner.*.x"), "d".repeat(201))));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("event_types: 'miner' is not an event type"), errors.get(0));
        assertEquals("description: must be at most 200 characters", errors.get(1));
    }

    @Test
    void aPatchChangesOnlyWhatItNamesAndRefusesWhatItMayNot() {
        Webhook webhook = webhooks.create(callers.admin(), new NewWebhook("http://127.0.0.1:9/x", null, "a"))
                .webhook();
        Webhook changed = webhooks.update(webhook.id(), patch(Map.of("active", false, "event_types",
                new String[] { "alert.*" })));
        assertFalse(changed.active());
        assertEquals(List.of("alert.*"), changed.eventTypes());
        assertEquals("a", changed.description());

        ProblemException refused = assertThrows(ProblemException.class, () -> webhooks.update(webhook.id(),
                patch(Map.of("url", "http://127.0.0.1:8181/", "secret", "mine"))));
        assertEquals(List.of("secret", "url"), refused.errors().stream().map(FieldError::field).sorted().toList());
        assertEquals(changed.url(), webhooks.get(webhook.id()).url());
        assertEquals(404, assertThrows(ProblemException.class, () -> webhooks.get(Long.MAX_VALUE)).status());
    }

    @Test
    void onlyADeadDeliveryIsRetriedAndOnlyUnderItsOwnSubscription() throws Exception {
        long id = webhooks.create(callers.admin(), new NewWebhook("http://127.0.0.1:9/x", null, null)).webhook().id();
        long other =
                webhooks.create(callers.admin(), new NewWebhook("http://127.0.0.1:9/y", null, null)).webhook().id();
        long event = event(db.dataSource(), "miner.created", "{}");
        long delivery = scalar(db.dataSource(), "INSERT INTO webhook_deliveries (subscription_id, event_id, status, "
                + "attempts, last_error) VALUES (?, ?, 'dead', 12, 'HTTP 500') RETURNING id", id, event);

        assertEquals(List.of(delivery),
                webhooks.deliveries(id, "dead", PageRequest.of(10, null)).items().stream().map(Delivery::id).toList());
        assertTrue(webhooks.deliveries(id, "delivered", PageRequest.of(10, null)).items().isEmpty());
        assertEquals(List.of("status: must be pending, delivered or dead"),
                errors(() -> webhooks.deliveries(id, "lost", PageRequest.of(10, null))));
        assertEquals(404, assertThrows(ProblemException.class, () -> webhooks.retry(other, delivery)).status());

        Delivery retried = webhooks.retry(id, delivery);
        assertEquals("pending", retried.status());
        assertEquals(0, retried.attempts());
        assertEquals(409, assertThrows(ProblemException.class, () -> webhooks.retry(id, delivery)).status());
    }
}
