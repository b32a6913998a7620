package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.hashgrid.itests.WebhookReceiver.Received;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Domain events end to end in the distribution: a miner's changes reach a webhook receiver,
 * signed, and an EventAdmin listener; webhook URLs the policy refuses are 400s; events written
 * while the events bundle is stopped are published once it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventsIT extends HashgridTestSupport {
    private static final String EVENTS = "org.hashgrid.events";

    private static final String RECEIVER_PORT = "hashgrid.itest.webhook.port";
    private static final String RECEIVER_FOLDER = "hashgrid.itest.webhook.folder";

    @Override
    @Configuration
    public Option[] config() throws Exception {
        Path folder = Files.createTempDirectory("hashgrid-webhooks");
        int port = WebhookReceiver.start(folder);
        return OptionUtils.combine(super.config(), systemProperty(RECEIVER_PORT).value(Integer.toString(port)),
                systemProperty(RECEIVER_FOLDER).value(folder.toString()),
                // the receiver listens on loopback, which the shipped policy refuses
                editConfigurationFilePut("etc/org.hashgrid.events.cfg", "webhook.refused.ranges",
                        "169.254.0.0/16,fe80::/10"),
                editConfigurationFilePut("etc/org.hashgrid.events.cfg", "webhook.backoff.seconds", "1"));
    }

    private static String receiverUrl() {
        return "http://127.0.0.1:" + System.getProperty(RECEIVER_PORT) + "/hooks";
    }

    private static List<Received> received() {
        return WebhookReceiver.received(Path.of(System.getProperty(RECEIVER_FOLDER)));
    }

    @Test
    public void minerChangesReachASignedWebhookAndEventAdminListeners() throws Exception {
        awaitPlatform();
        await("/webhooks", 200, 60);
        List<String> topics = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, "hashgrid/miner/*");
        ServiceRegistration<EventHandler> listener = context.registerService(EventHandler.class,
                event -> topics.add(event.getTopic() + " " + event.getProperty("hashgrid.aggregate.id")), properties);
        try {
            Reply created = post("/webhooks", "{\"url\":\"" + receiverUrl() + "\",\"event_types\":[\"miner.*\"],"
                    + "\"description\":\"itest\"}");
            assertEquals(created.body(), 201, created.status());
            String secret = field(created.body(), "secret");
            assertTrue(secret, secret.startsWith("whsec_"));
            long webhook = number(created.body(), "id");
            assertFalse(get("/webhooks").body().contains(secret));

            long miner = miner("EVT-1");
            Reply changed = http("PATCH", "/miners/" + miner, "application/merge-patch+json",
                    "{\"status\":\"maintenance\"}");
            assertEquals(changed.body(), 200, changed.status());

            awaitReceived("\"type\":\"miner.status_changed\"", 30);
            Received status = received().stream().filter(r -> r.body().contains("miner.status_changed")).findFirst()
                    .orElseThrow();
            assertTrue(status.body(), status.body().contains("\"to\":\"maintenance\"")
                    && status.body().contains("\"aggregate_id\":\"" + miner + "\""));
            assertEquals(sign(secret, status), status.signature());
            assertTrue(received().stream().anyMatch(r -> r.body().contains("\"type\":\"miner.created\"")));
            long deadline = System.currentTimeMillis() + 10_000;
            while (!topics.contains("hashgrid/miner/status_changed " + miner)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(topics.toString(), topics.contains("hashgrid/miner/status_changed " + miner));
            assertTrue(topics.toString(), topics.contains("hashgrid/miner/created " + miner));
            Reply deliveries = get("/webhooks/" + webhook + "/deliveries?status=delivered");
            assertEquals(deliveries.body(), 200, deliveries.status());
            assertTrue(deliveries.body(), deliveries.body().contains("\"last_status\":204"));
        } finally {
            listener.unregister();
            deleteWebhooks();
        }
    }

    @Test
    public void urlsThePolicyRefusesAreBadRequestsAndOnlyStaffOwnersAndAdminsSubscribe() throws Exception {
        awaitPlatform();
        await("/webhooks", 200, 60);
        String http = System.getProperty(HTTP_PORT_PROPERTY);
        for (String url : new String[] { "http://127.0.0.1:" + http + "/api/v1/users", "http://169.254.169.254/",
            "file:///etc/passwd", "http://admin:pw@127.0.0.1:9/x" }) {
            Reply refused = post("/webhooks", "{\"url\":\"" + url + "\"}");
            assertEquals(refused.body(), 400, refused.status());
            assertTrue(refused.body(), refused.contentType().startsWith("application/problem+json"));
            assertTrue(refused.body(), refused.body().contains("\"field\":\"url\""));
        }
        assertEquals(401, httpAs(null, "GET", "/webhooks", null, null).status());
        assertFalse(get("/webhooks").body().contains("169.254"));
    }

    @Test
    public void eventsWrittenWhileTheRelayIsStoppedArePublishedWhenItIsBack() throws Exception {
        awaitPlatform();
        await("/webhooks", 200, 60);
        Reply created = post("/webhooks", "{\"url\":\"" + receiverUrl() + "\",\"event_types\":[\"miner.deleted\"]}");
        assertEquals(created.body(), 201, created.status());
        long miner = miner("EVT-2");

        execute("bundle:stop " + EVENTS);
        assertEquals(Bundle.RESOLVED, bundle(EVENTS).getState());
        Reply deleted = http("DELETE", "/miners/" + miner, null, null);
        assertEquals("hosting works without the relay", 204, deleted.status());
        assertEquals(503, get("/webhooks").status());
        Thread.sleep(1_000);
        assertTrue(received().stream().noneMatch(r -> r.body().contains("\"aggregate_id\":\"" + miner + "\"")));

        execute("bundle:start " + EVENTS);
        try {
            awaitReceived("\"aggregate_id\":\"" + miner + "\"", 30);
            Thread.sleep(1_000);
            assertEquals("the miner.deleted event only, once", 1, received().stream()
                    .filter(r -> r.body().contains("\"aggregate_id\":\"" + miner + "\"")).count());
        } finally {
            deleteWebhooks();
        }
    }

    @Test
    public void eventsKeepFlowingAfterTheRelayIsUpdatedAndItsNeighbourRestarted() throws Exception {
        awaitPlatform();
        await("/webhooks", 200, 60);
        Reply created = post("/webhooks", "{\"url\":\"" + receiverUrl() + "\",\"event_types\":[\"miner.created\"]}");
        assertEquals(created.body(), 201, created.status());
        try {
            long modified = bundle(EVENTS).getLastModified();
            execute("bundle:update " + EVENTS);
            assertTrue("updated", bundle(EVENTS).getLastModified() > modified);
            execute("bundle:restart org.hashgrid.hosting");
            await("/miners", 200, 60);
            await("/webhooks", 200, 60);
            long miner = miner("EVT-3");
            awaitReceived("\"aggregate_id\":\"" + miner + "\"", 30);
            assertEquals(Bundle.ACTIVE, bundle(EVENTS).getState());
        } finally {
            deleteWebhooks();
        }
    }

    /** Each test removes its subscriptions, so that the next one sees only its own deliveries. */
    private void deleteWebhooks() throws Exception {
        await("/webhooks", 200, 60);
        for (String part : get("/webhooks?limit=500").body().split("\\{\"id\":")) {
            if (Character.isDigit(part.charAt(0))) {
                http("DELETE", "/webhooks/" + part.substring(0, part.indexOf(',')), null, null);
            }
        }
    }

    private long miner(String serial) throws Exception {
        long site = idOf(post("/sites", "{\"name\":\"Events " + serial + "\",\"capacity_mw\":1}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"Events " + serial + "\",\"manufacturer\":\"Sim\","
                + "\"hashrate\":100,\"power_consumption\":3000}").body());
        Reply created = post("/miners", "{\"serial_number\":\"" + serial + "\",\"miner_model_id\":" + model
                + ",\"site_id\":" + site + "}");
        assertEquals(created.body(), 201, created.status());
        return idOf(created.body());
    }

    private void awaitReceived(String fragment, long seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (received().stream().noneMatch(r -> r.body().contains(fragment))) {
            assertTrue("no webhook with " + fragment + " within " + seconds + " s: " + received(),
                    System.currentTimeMillis() < deadline);
            Thread.sleep(100);
        }
    }

    private static String sign(String secret, Received request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] signature = mac.doFinal((request.id() + "." + request.timestamp() + "." + request.body())
                .getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(signature);
    }
}
