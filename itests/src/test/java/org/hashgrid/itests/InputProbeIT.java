package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The hostile and careless inputs of an outside probe, sent to every operation the OpenAPI
 * document lists (so a new module is probed the day it is installed): every one answers 4xx
 * problem+json that names no Java class, carries no stack trace and no SQL.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InputProbeIT extends HashgridTestSupport {
    private static final String JSON = "application/json";
    /** What an error body must never show. */
    private static final List<String> LEAKS = List.of("exception", "\tat ", "org.hashgrid", "java.", "javax.",
            "org.apache", "select ", "insert ", "update ", "sqlstate", "psql", "stack");

    /** Bad JSON bodies, by what they try. */
    private static Map<String, String> badBodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed", "{\"name\":");
        bodies.put("duplicate key", "{\"name\":\"a\",\"name\":\"b\"}");
        bodies.put("wrong type", "[1,2,3]");
        bodies.put("unknown field", "{\"definitely_not_a_field\":1}");
        bodies.put("null", "null");
        bodies.put("huge number", "{\"name\":" + "9".repeat(5_000) + "}");
        bodies.put("lone surrogate", "{\"name\":\"\\ud800x\"}");
        bodies.put("NUL", "{\"name\":\"a\\u0000b\"}");
        bodies.put("100k string", "{\"name\":\"" + "x".repeat(100_000) + "\"}");
        bodies.put("deep nesting", "[".repeat(2_000) + "]".repeat(2_000));
        bodies.put("oversize", "{\"name\":\"" + "x".repeat(1_100_000) + "\"}");
        return bodies;
    }

    @Test
    public void everyOperationWithABodyAnswersBadBodiesWithProblems() throws Exception {
        awaitPlatform();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : operations()) {
            String type = op.bodyType();
            if (type == null) {
                continue;
            }
            if (JSON.equals(type)) {
                for (Map.Entry<String, String> bad : badBodies().entrySet()) {
                    check(failures, op, bad.getKey(), http(op.method(), op.url(), JSON, bad.getValue()));
                    sent++;
                }
            }
            check(failures, op, "wrong content type", http(op.method(), op.url(), "text/plain", "name=x"));
            sent++;
        }
        assertTrue("probed " + sent + " requests", sent >= 100);
        assertEquals(String.join("\n", failures), 0, failures.size());
    }

    @Test
    public void everyPathParameterAnswersOddValuesWithProblems() throws Exception {
        awaitPlatform();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : operations()) {
            if (!op.path().contains("{")) {
                continue;
            }
            for (String value : new String[] { "9".repeat(5_000), "-1", "abc", "1e3", "%20", "%00", "a%00b",
                "99999999999999999999" }) {
                String url = op.path().replace("/api/v1", "").replaceAll("\\{[^}]+}", value);
                String body = op.bodyType() == null ? null : JSON.equals(op.bodyType()) ? "{}" : "x";
                check(failures, op, "path " + value.substring(0, Math.min(value.length(), 12)),
                        http(op.method(), url, op.bodyType() == null ? null : op.bodyType(), body));
                sent++;
            }
        }
        assertTrue("probed " + sent + " requests", sent >= 50);
        assertEquals(String.join("\n", failures), 0, failures.size());
    }

    /** What Jetty refuses before any servlet sees it is problem+json too, and echoes nothing. */
    @Test
    public void requestsTheServerCannotReadAnswerProblems() throws Exception {
        awaitPlatform();
        Operation sites = new Operation("GET", "/api/v1/sites", "/sites", null);
        List<String> failures = new ArrayList<>();
        String longHeader = "h".repeat(20_000);
        check(failures, sites, "20 KB header", httpWithHeader("/sites", "X-Probe", longHeader));
        check(failures, sites, "20 KB URL", http("GET", "/sites?q=" + "u".repeat(20_000), null, null));
        check(failures, sites, "%00 in the path", http("GET", "/sites/%00", null, null));
        check(failures, sites, "%00 at the end", http("GET", "/sites%00", null, null));
        assertEquals(String.join("\n", failures), 0, failures.size());
        Reply tooLong = httpWithHeader("/sites", "X-Probe", longHeader);
        assertEquals(431, tooLong.status());
        assertFalse(tooLong.body(), tooLong.body().contains("hhhh"));
        assertEquals(414, http("GET", "/sites?q=" + "u".repeat(20_000), null, null).status());
    }

    /**
     * Authentication comes first: an anonymous caller of an operation that is not public hears
     * 401, not which methods or media types the operation takes; public operations still answer
     * anonymous callers' mistakes with 405/415.
     */
    @Test
    public void anonymousCallersAreAskedToAuthenticateFirst() throws Exception {
        awaitPlatform();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : operations()) {
            boolean isPublic = op.spec().has("security") && op.spec().get("security").isEmpty();
            int expected = isPublic ? 415 : 401;
            if (op.bodyType() != null) {
                Reply reply = httpAs(null, op.method(), op.url(), "text/plain", "x");
                sent++;
                if (reply.status() != expected) {
                    failures.add(op.method() + " " + op.path() + " text/plain anonymous: " + reply.status());
                }
                Reply badToken = httpAs("hg_not-a-token", op.method(), op.url(), "text/plain", "x");
                sent++;
                if (!isPublic && badToken.status() != 401) {
                    failures.add(op.method() + " " + op.path() + " text/plain, bad token: " + badToken.status());
                }
            }
            if (!isPublic) {
                Reply wrongMethod = httpAs(null, "PUT", op.url(), null, null);
                sent++;
                if (wrongMethod.status() != 401) {
                    failures.add("PUT " + op.path() + " anonymous: " + wrongMethod.status());
                }
            }
        }
        assertTrue("probed " + sent, sent >= 40);
        assertEquals(String.join("\n", failures), 0, failures.size());
        assertEquals(415, httpAs(null, "POST", "/auth/login", "text/plain", "x").status());
        assertEquals(405, httpAs(null, "GET", "/auth/login", null, null).status());
        Reply signedIn = http("PUT", "/sites", null, null);
        assertEquals(405, signedIn.status());
        assertEquals("GET, HEAD, OPTIONS, POST", signedIn.header("Allow"));
    }

    private static void check(List<String> failures, Operation op, String what, Reply reply) {
        String where = op.method() + " " + op.path() + " with " + what + ": " + reply.status() + " ";
        if (reply.status() < 400 || reply.status() >= 500) {
            failures.add(where + excerpt(reply.body()));
            return;
        }
        if (reply.contentType() == null || !reply.contentType().startsWith("application/problem+json")) {
            failures.add(where + "content type " + reply.contentType());
            return;
        }
        String body = reply.body().toLowerCase(Locale.ROOT);
        LEAKS.stream().filter(body::contains).findFirst()
                .ifPresent(leak -> failures.add(where + "shows '" + leak + "': " + excerpt(reply.body())));
        assertFalse(where + "body too long: " + reply.body().length(), reply.body().length() > 4_000);
    }

    private static String excerpt(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
