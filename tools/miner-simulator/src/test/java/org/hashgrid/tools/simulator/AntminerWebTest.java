package org.hashgrid.tools.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AntminerWebTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MinerSimulator simulator;
    private SimulatedMiner s19;
    private SimulatedMiner s21;
    private SimulatedMiner s9;

    /** What came back: status line, headers block and body. */
    private record Reply(int status, String head, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String challenge() {
            for (String line : head.split("\r\n")) {
                if (line.startsWith("WWW-Authenticate: ")) {
                    return line.substring("WWW-Authenticate: ".length());
                }
            }
            return null;
        }
    }

    @BeforeAll
    void start() throws IOException {
        simulator = MinerSimulator.builder().miners(3)
                .models(MinerModel.ANTMINER_S19_PRO, MinerModel.ANTMINER_S21, MinerModel.ANTMINER_S9).start();
        s19 = simulator.miner(0);
        s21 = simulator.miner(1);
        s9 = simulator.miner(2);
    }

    @AfterAll
    void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        for (SimulatedMiner miner : simulator.miners()) {
            miner.setCredentials("root", "root");
            miner.setControlQuirks(Set.of());
            AntminerWeb web = AntminerWeb.of(miner);
            web.setReplyDelay(Duration.ZERO);
            web.setRestartWindow(Duration.ZERO);
            if (web.hasWorkModes()) {
                web.setWorkMode(AntminerWeb.NORMAL);
            }
        }
    }

    private static Reply exchange(SimulatedMiner miner, String method, String path, String authorization, String body)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(miner.secondAddress(), 2000);
            socket.setSoTimeout(5000);
            StringBuilder request =
                    new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: m\r\n");
            if (authorization != null) {
                request.append("Authorization: ").append(authorization).append("\r\n");
            }
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(bytes);
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (reply.isEmpty()) {
                return new Reply(-1, "", "");
            }
            int headEnd = reply.indexOf("\r\n\r\n");
            return new Reply(Integer.parseInt(reply.substring(9, 12)), reply.substring(0, headEnd),
                    reply.substring(headEnd + 4));
        }
    }

    private static String digest(String challenge, String user, String password, String method, String uri) {
        Map<String, String> p = AntminerWebApi.parameters(challenge.substring("Digest ".length()));
        String ha1 = AntminerWebApi.md5(user + ":" + p.get("realm") + ":" + password);
        String ha2 = AntminerWebApi.md5(method + ":" + uri);
        String response = AntminerWebApi.md5(ha1 + ":" + p.get("nonce") + ":00000001:c0ffee:auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + p.get("realm") + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + uri + "\", algorithm=MD5, response=\"" + response
                + "\", qop=auth, nc=00000001, cnonce=\"c0ffee\"";
    }

    /** Asks for a challenge, then sends the request with the Digest answer to it. */
    private static Reply authorized(SimulatedMiner miner, String method, String path, String password, String body)
            throws IOException {
        String challenge = exchange(miner, method, path, null, null).challenge();
        return exchange(miner, method, path, digest(challenge, "root", password, method, path), body);
    }

    private static Reply authorized(SimulatedMiner miner, String method, String path, String body) throws IOException {
        return authorized(miner, method, path, miner.password(), body);
    }

    private static String cgminer(SimulatedMiner miner, String command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(miner.address(), 2000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(("{\"command\":\"" + command + "\"}").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyCgiAsksForDigestWithTheAntminerRealm() throws IOException {
        Reply reply = exchange(s19, "GET", "/cgi-bin/get_system_info.cgi", null, null);
        assertEquals(401, reply.status());
        assertTrue(reply.challenge().startsWith("Digest realm=\"antMiner Configuration\""), reply.challenge());
        assertTrue(reply.challenge().contains("qop=\"auth\"") && reply.challenge().contains("nonce=\""));
        assertEquals(401, exchange(s19, "GET", "/cgi-bin/get_system_info.cgi", "Basic cm9vdDpyb290", null).status());
    }

    @Test
    void aWrongPasswordIsRefusedAndCounted() throws IOException {
        int before = AntminerWeb.of(s19).failedLogins();
        Reply reply = authorized(s19, "GET", "/cgi-bin/get_miner_conf.cgi", "wrong", null);
        assertEquals(401, reply.status());
        assertFalse(reply.challenge().contains("stale"), "a wrong password is not a stale nonce");
        assertEquals(before + 1, AntminerWeb.of(s19).failedLogins());
        s19.setCredentials("root", "changed");
        assertEquals(401, authorized(s19, "GET", "/cgi-bin/get_miner_conf.cgi", "root", null).status());
        assertEquals(200, authorized(s19, "GET", "/cgi-bin/get_miner_conf.cgi", "changed", null).status());
    }

    @Test
    void systemInfoNamesModelMacSerialAndFirmware() throws IOException {
        JsonNode info = authorized(s21, "GET", "/cgi-bin/get_system_info.cgi", null).json();
        assertEquals("Antminer S21", info.get("minertype").asText());
        assertTrue(info.get("macaddr").asText().matches("([0-9A-F]{2}:){5}[0-9A-F]{2}"), info.toString());
        assertEquals(AntminerWebApi.serialNumber(s21), info.get("serinum").asText());
        assertEquals("FR-1.12(251009-S21)", info.get("system_filesystem_version").asText());
    }

    @Test
    void minerConfReadsTheWorkModeAsAStringBesidePoolsFansAndFrequency() throws IOException {
        JsonNode conf = authorized(s19, "GET", "/cgi-bin/get_miner_conf.cgi", null).json();
        assertEquals("0", conf.get("bitmain-work-mode").textValue());
        assertEquals(3, conf.get("pools").size());
        assertTrue(conf.get("bitmain-fan-ctrl").isBoolean());
        assertEquals("100", conf.get("bitmain-fan-pwm").textValue());
        assertEquals("100", conf.get("bitmain-freq-level").textValue());
    }

    @Test
    void minerModeOneSleepsAndTheCgminerPortShowsIt() throws IOException {
        Reply reply =
                authorized(s19, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":1,\"freq-level\":\"100\"}");
        assertEquals("{\"stats\":\"success\",\"code\":\"M000\",\"msg\":\"OK!\"}", reply.body());
        assertTrue(s19.isAsleep());
        assertEquals("1", authorized(s19, "GET", "/cgi-bin/get_miner_conf.cgi", null).json().get("bitmain-work-mode")
                .textValue());
        JsonNode stats = authorized(s19, "GET", "/cgi-bin/stats.cgi", null).json().get("STATS").get(0);
        assertEquals(1, stats.get("miner-mode").intValue());
        assertEquals(0.0, stats.get("rate_5s").doubleValue());
        assertTrue(cgminer(s19, "summary").contains("\"GHS 5s\":0.00"), "the cgminer port reports zero hashrate");
        authorized(s19, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":0}");
        assertFalse(s19.isAsleep());
    }

    @Test
    void aPostedBitmainWorkModeIsAnsweredWithSuccessAndIgnored() throws IOException {
        Reply reply = authorized(s19, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"bitmain-work-mode\":\"1\"}");
        assertTrue(reply.body().contains("M000"), reply.body());
        assertEquals(AntminerWeb.NORMAL, AntminerWeb.of(s19).workMode());
        assertFalse(s19.isAsleep());
        assertEquals("{\"bitmain-work-mode\":\"1\"}", last(AntminerWeb.of(s19).configurationPosts()));
    }

    @Test
    void aBodyThatIsNotJsonIsAnIllegalRequest() throws IOException {
        Reply reply = authorized(s19, "POST", "/cgi-bin/set_miner_conf.cgi", "miner-mode=1");
        assertEquals("{\"stats\":\"error\",\"code\":\"M001\",\"msg\":\"Illegal request!\"}", reply.body());
        assertFalse(s19.isAsleep());
    }

    @Test
    void eachFlavourKeepsItsModeOnValuesItDoesNotAccept() throws IOException {
        assertEquals(Set.of(0, 1, 2), AntminerWeb.of(s19).acceptedModes());
        assertEquals(Set.of(0, 1, 3), AntminerWeb.of(s21).acceptedModes());
        for (String body : new String[] { "{\"miner-mode\":3}", "{\"miner-mode\":7}", "{\"miner-mode\":\"2\"}",
            "{}" }) {
            assertTrue(authorized(s19, "POST", "/cgi-bin/set_miner_conf.cgi", body).body().contains("M000"));
            assertEquals(AntminerWeb.NORMAL, AntminerWeb.of(s19).workMode(), body);
        }
        authorized(s19, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":2}");
        assertEquals(AntminerWeb.HIGH_PERFORMANCE, AntminerWeb.of(s19).workMode());
        authorized(s21, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":2}");
        assertEquals(AntminerWeb.NORMAL, AntminerWeb.of(s21).workMode());
        authorized(s21, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":3}");
        assertEquals(AntminerWeb.LOW_POWER, AntminerWeb.of(s21).workMode());
    }

    @Test
    void aModeChangeRestartsCgminerWhoseDoorStaysShutForTheWindow() throws IOException, InterruptedException {
        AntminerWeb.of(s19).setRestartWindow(Duration.ofMillis(400));
        long start = System.nanoTime();
        authorized(s19, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":1}");
        assertThrows(ConnectException.class, () -> cgminer(s19, "summary"), "cgminer restarts");
        assertEquals(200, authorized(s19, "GET", "/cgi-bin/get_miner_conf.cgi", null).status(), "the web server stays");
        String summary = null;
        while (summary == null && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
            try {
                summary = cgminer(s19, "summary");
            } catch (ConnectException e) {
                Thread.sleep(50);
            }
        }
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(400).toNanos());
        assertTrue(summary != null && summary.contains("\"GHS 5s\":0.00"), "back, asleep: " + summary);
        authorized(s19, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":1}");
        cgminer(s19, "summary"); // an unchanged mode only reloads: no restart
    }

    @Test
    void rebootClosesWithoutAReplyAndKeepsSleep() throws IOException {
        AntminerWeb web = AntminerWeb.of(s19);
        web.setWorkMode(AntminerWeb.SLEEP);
        int reboots = web.reboots();
        assertEquals(-1, authorized(s19, "GET", "/cgi-bin/reboot.cgi", null).status(), "no reply");
        assertEquals(reboots + 1, web.reboots());
        assertTrue(s19.isAsleep(), "sleep lives in cgminer.conf and survives a reboot");
    }

    @Test
    void ignoresSleepUntilAReboot() throws IOException {
        s19.setControlQuirks(EnumSet.of(ControlQuirk.IGNORES_SLEEP));
        authorized(s19, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":1}");
        assertEquals(AntminerWeb.SLEEP, AntminerWeb.of(s19).workMode(), "the mode flips");
        assertFalse(s19.isAsleep(), "the boards keep hashing");
        authorized(s19, "GET", "/cgi-bin/reboot.cgi", null);
        assertTrue(s19.isAsleep(), "the reboot brings the sleep");
    }

    @Test
    void aStaleNonceIsChallengedAgainWithStaleTrue() throws IOException {
        String challenge = exchange(s19, "GET", "/cgi-bin/get_miner_conf.cgi", null, null).challenge();
        String authorization = digest(challenge, "root", "root", "GET", "/cgi-bin/get_miner_conf.cgi");
        assertEquals(200, exchange(s19, "GET", "/cgi-bin/get_miner_conf.cgi", authorization, null).status());
        AntminerWeb.of(s19).expireNonces();
        Reply reply = exchange(s19, "GET", "/cgi-bin/get_miner_conf.cgi", authorization, null);
        assertEquals(401, reply.status());
        assertTrue(reply.challenge().endsWith("stale=true"), reply.challenge());
    }

    @Test
    void aSlowCgiTakesItsTimeButTheChallengeDoesNot() throws IOException {
        AntminerWeb.of(s19).setReplyDelay(Duration.ofMillis(300));
        long start = System.nanoTime();
        String challenge = exchange(s19, "GET", "/cgi-bin/stats.cgi", null, null).challenge();
        long challengeNanos = System.nanoTime() - start;
        assertTrue(challengeNanos < Duration.ofMillis(250).toNanos(), "lighttpd answers 401 itself");
        start = System.nanoTime();
        exchange(s19, "GET", "/cgi-bin/stats.cgi", digest(challenge, "root", "root", "GET", "/cgi-bin/stats.cgi"),
                null);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void theS9WebInterfaceHasNoWorkMode() throws IOException {
        assertFalse(AntminerWeb.of(s9).hasWorkModes());
        JsonNode conf = authorized(s9, "GET", "/cgi-bin/get_miner_conf.cgi", null).json();
        assertFalse(conf.has("bitmain-work-mode"), conf.toString());
        assertTrue(conf.has("bitmain-freq"));
        assertEquals(404, authorized(s9, "GET", "/cgi-bin/stats.cgi", null).status());
        assertEquals("ok\n", authorized(s9, "POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":1}").body());
        assertFalse(s9.isAsleep());
    }

    @Test
    void onlyAntminersHaveTheWebState() throws IOException {
        try (MinerSimulator other = MinerSimulator.builder().models(MinerModel.AVALON_1246).start()) {
            assertThrows(IllegalArgumentException.class, () -> AntminerWeb.of(other.miner(0)));
        }
    }

    private static String last(java.util.List<String> list) {
        return list.get(list.size() - 1);
    }
}
