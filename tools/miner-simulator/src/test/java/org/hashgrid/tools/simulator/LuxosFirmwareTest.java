package org.hashgrid.tools.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class LuxosFirmwareTest {

    private final ObjectMapper json = new ObjectMapper();
    private MinerSimulator simulator;
    private SimulatedMiner miner;

    @BeforeEach
    void start() throws IOException {
        simulator = MinerSimulator.builder().models(MinerModel.ANTMINER_S19_LUXOS).start();
        miner = simulator.miner(0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private JsonNode ask(String command, String parameter) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(miner.address(), 2000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(("{\"command\":\"" + command + "\",\"parameter\":\"" + parameter + "\"}")
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return json.readTree(reply.substring(0, reply.indexOf('\0')));
        }
    }

    private static int code(JsonNode reply) {
        return reply.path("STATUS").path(0).path("Code").asInt();
    }

    private JsonNode config() throws IOException {
        return ask("config", "").path("CONFIG").path(0);
    }

    private String logon() throws IOException {
        JsonNode reply = ask("logon", "");
        assertEquals(LuxosFirmware.SESSION_CREATED, code(reply), reply.toString());
        return reply.path("SESSION").path(0).path("SessionID").asText();
    }

    @Test
    void versionSpoofsStockFieldsAndNamesLuxminer() throws IOException {
        JsonNode version = ask("version", "");
        assertEquals("LUXminer " + LuxosFirmware.VERSION, version.path("STATUS").path(0).path("Description").asText());
        assertEquals("Antminer S19", version.path("VERSION").path(0).path("Type").asText());
        assertEquals("3.7", version.path("VERSION").path(0).path("API").asText());
        assertEquals(LuxosFirmware.VERSION, version.path("VERSION").path(0).path("LUXminer").asText());
    }

    @Test
    void oneSessionAtATimeVisibleThroughSession() throws IOException {
        assertEquals("", ask("session", "").path("SESSION").path(0).path("SessionID").asText());
        String id = logon();
        JsonNode second = ask("logon", "");
        assertEquals(LuxosFirmware.ANOTHER_SESSION_ACTIVE, code(second));
        assertTrue(second.path("SESSION").isMissingNode(), "no SESSION when another is active");
        assertEquals(id, ask("session", "").path("SESSION").path(0).path("SessionID").asText());
        assertEquals("S", ask("logoff", id).path("STATUS").path(0).path("STATUS").asText());
        assertFalse(logon().isEmpty(), "a new session after logoff");
    }

    @Test
    void writesNeedTheCurrentSessionFirst() throws IOException {
        assertEquals(LuxosFirmware.INVALID_SESSION, code(ask("curtail", "sleep")));
        logon();
        assertEquals(LuxosFirmware.INVALID_SESSION, code(ask("curtail", "wrong,sleep")));
        assertTrue(miner.isMining());
    }

    @Test
    void sessionsExpireWhenIdle() throws IOException, InterruptedException {
        miner.setSessionTimeout(Duration.ofMillis(200));
        String id = logon();
        Thread.sleep(400);
        assertEquals(LuxosFirmware.INVALID_SESSION, code(ask("curtail", id + ",sleep")));
        assertEquals("", ask("session", "").path("SESSION").path(0).path("SessionID").asText());
    }

    @Test
    void sleepTurnsThePsuOffRefusesBoardWorkAndSurvivesRestarts() throws IOException {
        String id = logon();
        JsonNode sleep = ask("curtail", id + ",sleep");
        assertEquals(335, code(sleep));
        assertEquals("sleep mode", sleep.path("CURTAIL").path(0).path("Action").asText());
        assertTrue(miner.isAsleep());
        assertEquals("Sleep", config().path("CurtailMode").asText());
        assertFalse(config().path("IsPowerSupplyOn").asBoolean());
        assertEquals(LuxosFirmware.REFUSED_ASLEEP, code(ask("reboot", id + ",0")));
        assertEquals(LuxosFirmware.REFUSED_ASLEEP, code(ask("frequencyset", id + ",0,500")));
        assertEquals(LuxosFirmware.REFUSED_ASLEEP, code(ask("profileset", id + ",3000W")));
        assertEquals("S", ask("resetminer", id).path("STATUS").path(0).path("STATUS").asText());
        assertTrue(miner.isAsleep(), "sleep persists across a restart");
        id = logon();
        assertEquals("wake up", ask("curtail", id + ",wakeup").path("CURTAIL").path(0).path("Action").asText());
        assertTrue(miner.isMining());
        assertEquals("None", config().path("CurtailMode").asText());
        assertTrue(config().path("IsPowerSupplyOn").asBoolean());
    }

    @Test
    void ignoringSleepClaimsSleepWhileHashing() throws IOException {
        miner.setControlQuirks(Set.of(ControlQuirk.IGNORES_SLEEP));
        assertEquals(335, code(ask("curtail", logon() + ",sleep")));
        assertTrue(miner.isMining());
        assertEquals("Sleep", config().path("CurtailMode").asText());
        assertTrue(config().path("IsPowerSupplyOn").asBoolean());
    }

    @Test
    void powerLimitPicksTheHighestProfileAtOrBelowIt() throws IOException {
        String id = logon();
        assertEquals(340, code(ask("atmset", id + ",enabled=false")));
        assertFalse(config().path("IsAtmEnabled").asBoolean());
        JsonNode set = ask("profileset", id + ",3000W");
        assertEquals(321, code(set));
        long watts = 0;
        String name = "";
        for (JsonNode profile : ask("profiles", "").path("PROFILES")) {
            long w = profile.path("Watts").asLong();
            if (w <= 3000 && w > watts) {
                watts = w;
                name = profile.path("Profile Name").asText();
            }
        }
        assertEquals(name, set.path("PROFILE").path(0).path("Profile").asText());
        assertEquals(name, config().path("Profile").asText());
        assertEquals(322, code(ask("profileset", id + ",100W")), "no profile draws that little");
        assertEquals("default", ask("profileset", id + ",default").path("PROFILE").path(0).path("Profile").asText());
    }
}
