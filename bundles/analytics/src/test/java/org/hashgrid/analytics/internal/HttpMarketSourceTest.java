package org.hashgrid.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.hashgrid.analytics.MarketDataException;
import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.testing.Configs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The HTTP source against a JSON server of the test's own on loopback (JDK's HttpServer). */
class HttpMarketSourceTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:07:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static HttpServer server;
    private static final Map<String, String> answers = new ConcurrentHashMap<>();
    private static final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byte[] body = answers.getOrDefault(path, "{}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(statuses.getOrDefault(path, 200), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void reset() {
        answers.clear();
        statuses.clear();
        requests.set(0);
        answers.put("/price", "{\"bitcoin\":{\"usd\":97123.456}}");
        answers.put("/mining", "{\"difficulty\":\"109780000000000.123\",\"hashrate\":6.5e20,"
                + "\"fees_sat\":5000000,\"volume\":[1,2]}");
    }

    @Test
    void valuesAreReadAtTheirPointersScaledAndRounded() throws MarketDataException {
        MarketSnapshot m = source(Map.of("difficulty_url", url("/mining"), "difficulty_pointer", "/difficulty",
                "hashrate_url", url("/mining"), "hashrate_pointer", "/hashrate", "hashrate_scale", "1e-18",
                "fees_url", url("/mining?key=secret"), "fees_pointer", "/fees_sat", "fees_scale", "0.00000001"))
                .read(TIMEOUT);
        assertEquals(new MarketSnapshot(NOW, new BigDecimal("97123.46"), new BigDecimal("650.000"),
                new BigDecimal("109780000000000.12"), new BigDecimal("3.125"), new BigDecimal("0.05000000"), null), m);
        assertEquals(3, requests.get(), "price, mining once, mining?key once");
    }

    @Test
    void failuresAreNamedWithoutTheQuery() {
        statuses.put("/price", 503);
        MarketDataException down = assertThrows(MarketDataException.class,
                () -> source(Map.of("price_url", url("/price?api_key=s3cret"))).read(TIMEOUT));
        assertEquals(url("/price") + " answered HTTP 503", down.getMessage());
        assertFalse(down.getMessage().contains("s3cret"));
        statuses.clear();

        MarketDataException notNumber = assertThrows(MarketDataException.class, () -> source(
                Map.of("volume_url", url("/mining"), "volume_pointer", "/volume")).read(TIMEOUT));
        assertEquals("volume: " + url("/mining") + " has no number at /volume", notNumber.getMessage());

        answers.put("/price", "not json");
        MarketDataException garbage = assertThrows(MarketDataException.class, () -> source(Map.of()).read(TIMEOUT));
        assertEquals(url("/price") + " did not answer JSON", garbage.getMessage());
    }

    @Test
    void aMissingPriceUrlIsRefusedAndTheSourceSaysSo() {
        HttpMarketSource unconfigured = new HttpMarketSource(Configs.of(HttpSourceConfig.class, Map.of()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        MarketDataException e = assertThrows(MarketDataException.class, () -> unconfigured.read(TIMEOUT));
        assertTrue(e.getMessage().contains("price.url"), e.getMessage());
    }

    @Test
    void aConnectionRefusedIsAFailureOfTheSource() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/price";
        MarketDataException e = assertThrows(MarketDataException.class,
                () -> source(Map.of("price_url", url)).read(TIMEOUT));
        assertTrue(e.getMessage().startsWith(url + " could not be read"), e.getMessage());
    }

    private static HttpMarketSource source(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("price_url", url("/price"), "price_pointer", "/bitcoin/usd"));
        config.putAll(overrides);
        return new HttpMarketSource(Configs.of(HttpSourceConfig.class, config), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}
