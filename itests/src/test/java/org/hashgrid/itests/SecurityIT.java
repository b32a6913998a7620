package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/** Authentication, roles and ownership over HTTP, as an attacker would try them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecurityIT extends HashgridTestSupport {
    private static final String PASSWORD = "blue-harbour-61-lantern";
    private static final String JSON = "application/json";

    /** Loopback is the proxy here, so tests can speak for other client addresses. */
    @Override
    @Configuration
    public Option[] config() throws Exception {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.hashgrid.identity.cfg", "trusted.proxies", "127.0.0.1/32"));
    }

    @Test
    public void everyNonPublicOperationRejectsAnonymousCalls() throws Exception {
        awaitPlatform();
        int checked = 0;
        for (Operation op : operations()) {
            JsonNode security = op.spec().get("security");
            if (security != null && security.isArray() && security.size() == 0) {
                continue; // public
            }
            String type = op.bodyType() == null ? JSON : op.bodyType();
            Reply anonymous = httpAs(null, op.method(), op.url(), type,
                    op.method().equals("GET") || op.method().equals("DELETE") ? null : type.equals(JSON) ? "{}" : "x");
            assertEquals(op.method() + " " + op.path() + ": " + anonymous.body(), 401, anonymous.status());
            checked++;
        }
        assertTrue("walked the document, " + checked + " operations", checked >= 20);
    }

    /**
     * Every operation that declares a JSON body refuses a JSON {@code null} and an empty body with
     * the same 400, from the body reader, before any resource code runs (so none has to check).
     */
    @Test
    public void everyOperationWithABodyRefusesNullAndEmptyBodies() throws Exception {
        awaitPlatform();
        int checked = 0;
        for (Operation op : operations()) {
            if (!JSON.equals(op.bodyType())) {
                continue;
            }
            for (String body : new String[] { "null", "", " null " }) {
                Reply reply = http(op.method(), op.url(), JSON, body);
                String what = op.method() + " " + op.path() + " with '" + body + "': " + reply.body();
                assertEquals(what, 400, reply.status());
                assertTrue(what, reply.contentType().startsWith("application/problem+json"));
                assertTrue(what, reply.body().contains("A JSON request body is required"));
            }
            checked++;
        }
        assertTrue("walked the document, " + checked + " operations with a body", checked >= 12);
    }

    @Test
    public void aPasswordChangeEndsEveryOtherSessionAndApiToken() throws Exception {
        awaitPlatform();
        createUser("rotate@itest.hashgrid.org", "user");
        String first = login("rotate@itest.hashgrid.org", PASSWORD);
        String second = login("rotate@itest.hashgrid.org", PASSWORD);
        Reply issued = httpAs(first, "POST", "/api-tokens", JSON, "{\"name\":\"cron\"}");
        assertEquals(issued.body(), 201, issued.status());
        String script = field(issued.body(), "token");
        assertEquals(200, httpAs(second, "GET", "/auth/me", null, null).status());
        assertEquals(200, httpAs(script, "GET", "/auth/me", null, null).status());

        Reply changed = httpAs(first, "POST", "/auth/password", JSON,
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"an-entirely-new-phrase-42\"}");
        assertEquals(changed.body(), 204, changed.status());

        assertEquals("the session that changed it stays", 200, httpAs(first, "GET", "/auth/me", null, null).status());
        assertEquals(401, httpAs(second, "GET", "/auth/me", null, null).status());
        assertEquals(401, httpAs(script, "GET", "/auth/me", null, null).status());
    }

    @Test
    public void badTokensAreRefused() throws Exception {
        awaitPlatform();
        assertEquals(401, httpAs("hg_" + "Q".repeat(43), "GET", "/sites", null, null).status());
        assertEquals(401, httpAs("not-a-token", "GET", "/sites", null, null).status());
        String token = login(OWNER_EMAIL, OWNER_PASSWORD);
        assertEquals(200, httpAs(token, "GET", "/sites", null, null).status());
        assertEquals(204, httpAs(token, "POST", "/auth/logout", null, null).status());
        assertEquals(401, httpAs(token, "GET", "/sites", null, null).status());
        Reply basic = httpAs(null, "GET", "/sites", null, null);
        assertEquals(401, basic.status());
        assertTrue(basic.contentType().startsWith("application/problem+json"));
        java.net.http.HttpResponse<String> viaProxy = CLIENT.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + System.getProperty(HTTP_PORT_PROPERTY) + "/api/v1/health"))
                .header("Authorization", "Basic dXNlcjpwYXNz").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals("public endpoints ignore foreign Authorization schemes", 200, viaProxy.statusCode());
    }

    @Test
    public void clientsSeeOnlyTheirOwnMinersAndUsersNoAdminEndpoints() throws Exception {
        awaitPlatform();
        String alice = createUser("alice@itest.hashgrid.org", "client");
        String bob = createUser("bob@itest.hashgrid.org", "client");
        createUser("staff@itest.hashgrid.org", "user");
        long site = idOf(post("/sites", "{\"name\":\"Iso\",\"capacity_mw\":5}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"Iso model\",\"manufacturer\":\"X\",\"hashrate\":100,"
                + "\"power_consumption\":3000}").body());
        long aliceMiner = idOf(post("/miners", "{\"serial_number\":\"ISO-A\",\"miner_model_id\":" + model
                + ",\"site_id\":" + site + ",\"client_id\":\"" + alice + "\"}").body());
        long bobMiner = idOf(post("/miners", "{\"serial_number\":\"ISO-B\",\"miner_model_id\":" + model
                + ",\"site_id\":" + site + ",\"client_id\":\"" + bob + "\"}").body());

        String asAlice = login("alice@itest.hashgrid.org", PASSWORD);
        Reply list = httpAs(asAlice, "GET", "/miners?limit=500", null, null);
        assertTrue(list.body(), list.body().contains("ISO-A"));
        assertFalse(list.body(), list.body().contains("ISO-B"));
        assertEquals(200, httpAs(asAlice, "GET", "/miners/" + aliceMiner, null, null).status());
        assertEquals(404, httpAs(asAlice, "GET", "/miners/" + bobMiner, null, null).status());
        assertFalse(httpAs(asAlice, "GET", "/miners?client_id=" + bob, null, null).body().contains("ISO-B"));
        assertEquals(403, httpAs(asAlice, "PATCH", "/miners/" + bobMiner, JSON, "{\"status\":\"offline\"}").status());
        assertEquals(403, httpAs(asAlice, "DELETE", "/miners/" + bobMiner, null, null).status());
        assertEquals(404, httpAs(asAlice, "GET", "/users/" + bob, null, null).status());

        String asStaff = login("staff@itest.hashgrid.org", PASSWORD);
        assertEquals(403, httpAs(asStaff, "GET", "/users", null, null).status());
        assertEquals(403, httpAs(asStaff, "GET", "/login-records", null, null).status());
        assertEquals(403, httpAs(asStaff, "POST", "/sites", JSON, "{\"name\":\"n\",\"capacity_mw\":1}").status());

        String rules = "/sites/" + site + "/alert-rules";
        Reply rule = post(rules, "{\"kind\":\"temperature_above\",\"threshold\":90,\"for_minutes\":5}");
        assertEquals(rule.body(), 201, rule.status());
        assertEquals(403, httpAs(asAlice, "POST", rules, JSON, "{\"kind\":\"offline\"}").status());
        assertEquals(403, httpAs(asAlice, "GET", rules, null, null).status());
        assertEquals(403, httpAs(asAlice, "DELETE", "/alert-rules/" + idOf(rule.body()), null, null).status());
        assertEquals(403, httpAs(asStaff, "POST", rules, JSON, "{\"kind\":\"offline\"}").status());
        assertEquals(200, httpAs(asStaff, "GET", rules, null, null).status());
        assertEquals(200, httpAs(asAlice, "GET", "/alerts?status=open", null, null).status());
        Reply badFilter = httpAs(asAlice, "GET", "/alerts?status=maybe", null, null);
        assertEquals(badFilter.body(), 400, badFilter.status());
        Reply badRule = post(rules, "{\"kind\":\"temperature_above\",\"threshold\":500}");
        assertEquals(badRule.body(), 400, badRule.status());
        assertTrue(badRule.contentType().startsWith("application/problem+json"));
        assertEquals(404, post("/sites/987654321/alert-rules", "{\"kind\":\"offline\"}").status());
    }

    @Test
    public void profileUpdatesCannotRaiseRolesAndNoResponseShowsAHash() throws Exception {
        awaitPlatform();
        String id = createUser("mallory@itest.hashgrid.org", "client");
        String token = login("mallory@itest.hashgrid.org", PASSWORD);
        Reply raise = httpAs(token, "PATCH", "/users/" + id, JSON, "{\"role\":\"owner\",\"status\":\"ACTIVE\"}");
        assertEquals(raise.body(), 400, raise.status());
        Reply me = httpAs(token, "GET", "/auth/me", null, null);
        assertTrue(me.body(), me.body().contains("\"role\":\"client\""));
        for (String path : List.of("/users?limit=500", "/users/" + id, "/auth/me")) {
            String body = get(path).body();
            assertFalse(path, body.contains("password_hash") || body.contains("$2y$") || body.contains("$2a$"));
        }
        Reply injected = post("/users", "{\"email\":\"x'); drop table users; --@evil.io\",\"role\":\"guest\"}");
        assertTrue(injected.body(), injected.status() == 201 || injected.status() == 400);
        assertEquals(200, get("/users?limit=1").status());
    }

    @Test
    public void tenThousandLoginsFromOneAddressAreThrottledNotTheUser() throws Exception {
        awaitPlatform();
        createUser("target@itest.hashgrid.org", "user");
        String attempt = "{\"email\":\"target@itest.hashgrid.org\",\"password\":\"wrong-guess-password\"}";
        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            runs.add(pool.submit(() -> {
                for (int i = 0; i < 2500; i++) {
                    Reply reply = attackerLogin(attempt);
                    if (reply.status() == 429) {
                        throttled.incrementAndGet();
                    } else if (reply.status() == 401) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        assertTrue("bcrypt ran only a handful of times: " + refused, refused.get() <= 25);
        assertEquals(10_000, throttled.get() + refused.get());
        Reply legit = http("POST", "/auth/login", JSON,
                "{\"email\":\"target@itest.hashgrid.org\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(legit.body(), 200, legit.status());
        Reply retry = attackerLogin(attempt);
        assertEquals(429, retry.status());
    }

    @Test
    public void requestsFailClosedWhileIdentityIsAway() throws Exception {
        awaitPlatform();
        String token = login(OWNER_EMAIL, OWNER_PASSWORD);
        execute("bundle:stop org.hashgrid.identity");
        try {
            assertEquals(Bundle.RESOLVED, bundle("org.hashgrid.identity").getState());
            for (String path : List.of("/sites", "/miners", "/miner-models", "/users")) {
                assertEquals(path, 503, httpAs(null, "GET", path, null, null).status());
                assertEquals(path, 503, httpAs(token, "GET", path, null, null).status());
            }
        } finally {
            execute("bundle:start org.hashgrid.identity");
        }
        long deadline = System.currentTimeMillis() + 30_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && status != 200) {
            status = httpAs(token, "GET", "/sites", null, null).status();
            Thread.sleep(100);
        }
        assertEquals("the session survives the restart", 200, status);
        assertEquals(401, httpAs(null, "GET", "/sites", null, null).status());
    }

    private Reply attackerLogin(String body) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + System.getProperty(HTTP_PORT_PROPERTY) + "/api/v1/auth/login"))
                .header("Content-Type", JSON).header("X-Forwarded-For", "203.0.113.66")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        java.net.http.HttpResponse<String> response = CLIENT.send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), null, response.body());
    }

    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

    private String createUser(String email, String role) throws Exception {
        return createUser(email, role, PASSWORD);
    }
}
