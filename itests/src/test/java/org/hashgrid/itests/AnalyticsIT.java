package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Analytics over HTTP in the distribution: a market series imported as JSON and CSV (duplicates,
 * a conflict, a bad line), its indicators read back (null while the history is short), the
 * hashprice and break-even, the cached KPIs and what reading them costs, the SVG charts, the Web
 * Console page, and who may do what.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AnalyticsIT extends HashgridTestSupport {
    private static final String JSON = "application/json";
    private static final String PASSWORD = "amber-quarry-42-signal";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    public void importIndicatorsHashpriceKpisChartsAndRoles() throws Exception {
        awaitPlatform();
        await("/analytics/kpis", 200, 60);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));

        StringBuilder series = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            series.append(i == 0 ? "" : ",").append(point(start, i, 60_000 + 25 * i + (i % 7) * 180));
        }
        String body = series.append(']').toString();
        Reply imported = post("/analytics/market", body);
        assertEquals(imported.body(), 200, imported.status());
        assertEquals(60, number(imported.body(), "inserted"));
        assertEquals(60, number(imported.body(), "indicator_rows"));
        Reply again = post("/analytics/market", body);
        assertEquals(60, number(again.body(), "duplicates"));
        assertEquals(0, number(again.body(), "inserted"));

        Reply conflict = post("/analytics/market", "[" + point(start, 5, 1) + "]");
        assertEquals(conflict.body(), 409, conflict.status());
        assertTrue(conflict.contentType(), conflict.contentType().startsWith("application/problem+json"));
        Reply overwritten = http("POST", "/analytics/market?overwrite=true", JSON, "[" + point(start, 5, 61_000) + "]");
        assertEquals(overwritten.body(), 1, number(overwritten.body(), "overwritten"));

        String csv = "created_at,btc_price,network_difficulty,block_reward,transaction_fees\n"
                + start.plus(Duration.ofMinutes(15 * 60)) + ",62000.50,1e14,3.125,0.1\n"
                + start.plus(Duration.ofMinutes(15 * 61)) + ",62100,1e14,3.125,0.1\n";
        Reply fromCsv = http("POST", "/analytics/market", "text/csv", csv);
        assertEquals(fromCsv.body(), 200, fromCsv.status());
        assertEquals(2, number(fromCsv.body(), "inserted"));
        Reply badCsv = http("POST", "/analytics/market", "text/csv",
                "created_at,btc_price\n" + start.minusSeconds(900) + ",1\n" + start.minusSeconds(1800) + ",-5\n");
        assertEquals(badCsv.body(), 400, badCsv.status());
        assertTrue(badCsv.body(), badCsv.body().contains("line 3: btc_price"));
        Reply future = post("/analytics/market", "[" + point(Instant.now().plus(Duration.ofDays(2)), 0, 1) + "]");
        assertEquals(future.body(), 400, future.status());

        JsonNode indicators = MAPPER.readTree(get("/analytics/indicators?limit=500&from=" + start.minusSeconds(1)
                + "&to=" + Instant.now()).body()).get("items");
        assertEquals(62, indicators.size());
        JsonNode newest = indicators.get(0);
        JsonNode oldest = indicators.get(61);
        assertTrue(oldest.get("rsi").isNull());
        assertTrue(oldest.get("ema_26").isNull());
        assertTrue(newest.toString(), newest.get("rsi").isNumber() && newest.get("macd_signal").isNumber());
        assertTrue(newest.get("signal").asText().matches("BUY|SELL|NEUTRAL"));

        JsonNode hashprice = MAPPER.readTree(get("/analytics/hashprice").body());
        // D = 1e14, 3.125 + 0.1 BTC at $62,100: 6.4876e-7 BTC per TH/s per day
        assertEquals("0.04028795", hashprice.get("hashprice_usd_per_th_day").decimalValue().toPlainString());

        JsonNode kpis = MAPPER.readTree(get("/analytics/kpis").body());
        assertNotNull(kpis.get("computed_at").asText());
        assertTrue(kpis.get("age_seconds").asLong() >= 0);
        // The KPIs come from a cache: a request costs what the platform's cheapest authenticated
        // request costs (auth, HTTP, JSON). Both are timed interleaved, so load on the machine hits both.
        long[] nanos = new long[500];
        long[] baseline = new long[500];
        for (int i = -200; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            Reply reply = get("/analytics/kpis");
            long t1 = System.nanoTime();
            Reply me = get("/auth/me");
            long t2 = System.nanoTime();
            assertEquals(200, reply.status());
            assertEquals(200, me.status());
            if (i >= 0) {
                nanos[i] = t1 - t0;
                baseline[i] = t2 - t1;
            }
        }
        Arrays.sort(nanos);
        Arrays.sort(baseline);
        long p95 = nanos[(int) (nanos.length * 0.95)];
        long baselineP95 = baseline[(int) (baseline.length * 0.95)];
        System.out.printf(
                "GET /analytics/kpis over HTTP: p50 %.2f ms, p95 %.2f ms; GET /auth/me: p50 %.2f ms, p95 %.2f ms%n",
                nanos[250] / 1e6, p95 / 1e6, baseline[250] / 1e6, baselineP95 / 1e6);
        assertTrue("p95 " + p95 / 1e6 + " ms, /auth/me p95 " + baselineP95 / 1e6 + " ms",
                p95 < 5_000_000 || p95 < baselineP95 * 3 / 2);

        Reply svg = get("/analytics/charts/price.svg?from=" + start.minusSeconds(1));
        assertEquals(svg.body(), 200, svg.status());
        assertTrue(svg.contentType(), svg.contentType().startsWith("image/svg+xml"));
        assertTrue(svg.body().startsWith("<svg"));
        assertEquals(200, get("/analytics/charts/hashprice.svg").status());
        assertEquals(404, get("/analytics/charts/sites/999999/hashrate-power.svg").status());
        assertEquals(1, context.getServiceReferences("javax.servlet.Servlet",
                "(felix.webconsole.label=hashgrid-analytics)").length);

        createUser("analytics-client@itest.hashgrid.org", "client");
        createUser("analytics-staff@itest.hashgrid.org", "user");
        String client = login("analytics-client@itest.hashgrid.org", PASSWORD);
        String staff = login("analytics-staff@itest.hashgrid.org", PASSWORD);
        assertEquals(200, httpAs(client, "GET", "/analytics/indicators", null, null).status());
        Reply clientHashprice = httpAs(client, "GET", "/analytics/hashprice", null, null);
        assertEquals(200, clientHashprice.status());
        assertEquals(0, MAPPER.readTree(clientHashprice.body()).get("clients").size());
        assertEquals(403, httpAs(client, "GET", "/analytics/kpis", null, null).status());
        assertEquals(403, httpAs(client, "POST", "/analytics/market", JSON, body).status());
        assertEquals(403, httpAs(client, "GET", "/analytics/charts/sites/1/hashrate-power.svg", null, null).status());
        assertEquals(200, httpAs(staff, "GET", "/analytics/kpis", null, null).status());
        assertEquals(403, httpAs(staff, "POST", "/analytics/market", JSON, body).status());
        assertEquals(403, httpAs(staff, "PUT", "/analytics/sites/1/power-price", JSON,
                "{\"price_usd_per_mwh\":40}").status());
        assertEquals(401, httpAs(null, "GET", "/analytics/kpis", null, null).status());
    }

    private static String point(Instant start, int i, double price) {
        return String.format(java.util.Locale.ROOT, "{\"created_at\":\"%s\",\"btc_price\":%.2f,"
                + "\"network_difficulty\":100000000000000,\"block_reward\":3.125,\"transaction_fees\":0.1}",
                start.plus(Duration.ofMinutes(15L * i)), price);
    }

    private void createUser(String email, String role) throws Exception {
        Reply created = post("/users", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"password\":\""
                + PASSWORD + "\"}");
        assertEquals(created.body(), 201, created.status());
    }
}
