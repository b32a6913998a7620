package org.hashgrid.tools.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class BraiinsRestApiTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private MinerSimulator simulator;
    private SimulatedMiner miner;

    @BeforeEach
    void start() throws IOException {
        simulator = MinerSimulator.builder().models(MinerModel.ANTMINER_S19_BRAIINS).start();
        miner = simulator.miner(0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + miner.secondAddress().getPort() + "/api/v1/" + path)).timeout(Duration.ofSeconds(3))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login() throws IOException, InterruptedException {
        HttpResponse<String> response =
                call("POST", "auth/login", null, "{\"username\":\"root\",\"password\":\"root\"}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json.readTree(response.body());
        assertEquals(3600, body.path("timeout_s").asInt());
        return body.path("token").asText();
    }

    @Test
    void loginRefusesWrongCredentialsAndEveryCallNeedsItsToken() throws IOException, InterruptedException {
        assertEquals(401,
                call("POST", "auth/login", null, "{\"username\":\"root\",\"password\":\"nope\"}").statusCode());
        assertEquals(401, call("PUT", "actions/pause", null, null).statusCode());
        assertEquals(401, call("PUT", "actions/pause", "made-up", null).statusCode());
        assertTrue(miner.isMining());
        assertEquals(200, call("GET", "miner/status", login(), null).statusCode());
    }

    @Test
    void pauseAndResumeAnswerWhetherTheyWereAlreadyDone() throws IOException, InterruptedException {
        String token = login();
        assertEquals("false", call("PUT", "actions/pause", token, null).body());
        assertEquals("true", call("PUT", "actions/pause", token, null).body());
        assertTrue(miner.isAsleep());
        assertEquals(BraiinsRestApi.PAUSED,
                json.readTree(call("GET", "miner/status", token, null).body()).path("status").asInt());
        assertEquals("false", call("PUT", "actions/resume", token, null).body());
        assertTrue(miner.isMining());
        JsonNode details = json.readTree(call("GET", "miner/details", token, null).body());
        assertEquals(BraiinsRestApi.NORMAL, details.path("status").asInt());
        assertEquals("BOS00000000", details.path("serial_number").asText());
    }

    @Test
    void powerTargetRoundTripsWithinItsLimits() throws IOException, InterruptedException {
        String token = login();
        assertEquals("{\"watt\":2800}", call("PUT", "performance/power-target", token, "{\"watt\":2800}").body());
        assertEquals(2800, json.readTree(call("GET", "performance/tuner-state", token, null).body())
                .at("/mode_state/powertargetmodestate/current_target/watt").asInt());
        assertEquals(400, call("PUT", "performance/power-target", token, "{\"watt\":10}").statusCode());
    }

    @Test
    void tokensExpireWhenIdle() throws IOException, InterruptedException {
        String token = login();
        miner.setSessionTimeout(Duration.ofNanos(1));
        assertEquals(401, call("GET", "miner/status", token, null).statusCode());
        miner.setSessionTimeout(null);
        assertEquals(401, call("GET", "miner/status", token, null).statusCode(), "an expired token stays expired");
    }

    @Test
    void ignoringSleepClaimsPausedWhileHashing() throws IOException, InterruptedException {
        miner.setControlQuirks(Set.of(ControlQuirk.IGNORES_SLEEP));
        String token = login();
        assertEquals("false", call("PUT", "actions/pause", token, null).body());
        assertTrue(miner.isMining());
        assertEquals(BraiinsRestApi.PAUSED,
                json.readTree(call("GET", "miner/status", token, null).body()).path("status").asInt());
        assertFalse(miner.isAsleep());
    }
}
