package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.List;

import org.hashgrid.itests.testdriver.FixedReadingDriver;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Drivers in the running platform: the CGMiner driver reads simulated miners (real protocol,
 * real sockets, from the test JVM) through {@code /miners/{id}/live}, discovery finds them, and a
 * third party's driver bundle comes and goes while the platform keeps serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DriverIT extends HashgridTestSupport {
    private static final String JSON = "application/json";
    private static final String CLIENT_PASSWORD = "amber-meadow-73-compass";
    private static final String SIM_PORT = "hashgrid.itest.sim.port";
    private static final String TEST_DRIVER = "hashgrid.itest.driver.bundle";
    /** Miners 0 healthy, 1 answers garbage, 2 never answers; each on its own loopback address. */
    private static final String[] ADDRESSES = { "127.77.0.1", "127.77.0.2", "127.77.0.3" };

    @Override
    @Configuration
    public Option[] config() throws Exception {
        // Runs in the test JVM only: the container never loads the simulator classes.
        int port = DriverFixtures.startSimulator(ADDRESSES);
        return OptionUtils.combine(super.config(),
                systemProperty(SIM_PORT).value(Integer.toString(port)),
                systemProperty(TEST_DRIVER).value(DriverFixtures.testDriverBundle().toUri().toString()),
                editConfigurationFilePut("etc/org.hashgrid.hosting.live.cfg", "timeout.ms", "2000"),
                editConfigurationFilePut("etc/org.hashgrid.hosting.discovery.cfg", "probe.timeout.ms", "1000"));
    }

    @Test
    public void cgminerDriverIsListed() throws Exception {
        awaitPlatform();
        Reply drivers = await("/drivers", 200, 30);
        assertTrue(drivers.body(), drivers.body().contains("\"id\":\"cgminer\""));
        assertTrue(drivers.body(), drivers.body().contains("\"READ\""));
    }

    @Test
    public void liveReadsGoThroughTheDriverAndNameTheirFailures() throws Exception {
        awaitPlatform();
        await("/drivers", 200, 30);
        long site = idOf(post("/sites", "{\"name\":\"Sim site\",\"capacity_mw\":1}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"Sim model\",\"manufacturer\":\"Sim\",\"hashrate\":100,"
                + "\"power_consumption\":3000}").body());
        long healthy = miner("SIM-0", site, model, ADDRESSES[0], "cgminer");
        long garbage = miner("SIM-1", site, model, ADDRESSES[1], "cgminer");
        long silent = miner("SIM-2", site, model, ADDRESSES[2], "cgminer");
        long orphan = miner("SIM-X", site, model, ADDRESSES[0], "acme");

        Reply live = get("/miners/" + healthy + "/live");
        assertEquals(live.body(), 200, live.status());
        assertTrue(live.body(), live.body().contains("\"hashrate\":"));
        assertTrue(live.body(), live.body().contains("\"missing\":"));
        assertFalse(live.body(), live.body().contains("\"hashrate\":null"));

        Reply broken = get("/miners/" + garbage + "/live");
        assertEquals(broken.body(), 502, broken.status());
        assertTrue(broken.body(), broken.body().contains("PROTOCOL_ERROR"));
        assertFalse("what answered is not relayed", broken.body().contains("bytes"));
        Reply timeout = get("/miners/" + silent + "/live");
        assertEquals(timeout.body(), 504, timeout.status());
        assertTrue(timeout.body(), timeout.body().contains("TIMEOUT"));
        Reply absent = get("/miners/" + orphan + "/live");
        assertEquals(absent.body(), 503, absent.status());
        assertTrue(absent.body(), absent.body().contains("acme"));
        assertEquals(200, get("/health").status());
    }

    @Test
    public void actionsGoThroughTheDriverAndEveryAttemptIsLogged() throws Exception {
        awaitPlatform();
        long site = idOf(post("/sites", "{\"name\":\"Action site\",\"capacity_mw\":1}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"Action model\",\"manufacturer\":\"Sim\","
                + "\"hashrate\":14,\"power_consumption\":1400}").body());
        long healthy = miner("ACT-0", site, model, ADDRESSES[0], "cgminer");
        long garbage = miner("ACT-1", site, model, ADDRESSES[1], "cgminer");

        Reply stopped = post("/miners/" + healthy + "/actions", "{\"action\":\"stop\"}");
        assertEquals(stopped.body(), 200, stopped.status());
        assertTrue(stopped.body(), stopped.body().contains("\"operation\":\"shutdown\""));
        assertTrue(get("/miners/" + healthy + "/live").body().contains("\"hashrate\":0.0"));
        Reply started = post("/miners/" + healthy + "/actions", "{\"action\":\"start\"}");
        assertEquals(started.body(), 200, started.status());

        Reply failed = post("/miners/" + garbage + "/actions", "{\"action\":\"restart\"}");
        assertEquals(failed.body(), 502, failed.status());
        assertEquals(400, post("/miners/" + healthy + "/actions", "{\"action\":\"explode\"}").status());
        assertEquals(404, post("/miners/424242/actions", "{\"action\":\"stop\"}").status());

        Reply log = get("/miners/" + healthy + "/operations");
        assertEquals(log.body(), 200, log.status());
        int start = log.body().indexOf("\"operation\":\"start\"");
        int shutdown = log.body().indexOf("\"operation\":\"shutdown\"");
        int create = log.body().indexOf("\"operation\":\"create\"");
        assertTrue(log.body(), start >= 0 && start < shutdown && shutdown < create);
        assertTrue(get("/miners/" + garbage + "/operations").body().contains("restart failed: PROTOCOL_ERROR"));
    }

    /**
     * A client asks for an action on its own miner and staff approve it (it then runs through
     * the driver) or reject it; roles and ownership hold; an Idempotency-Key makes a retried POST
     * run once.
     */
    @Test
    public void clientsRequestActionsThatStaffDecideAndRetriedPostsRunOnce() throws Exception {
        awaitPlatform();
        await("/drivers", 200, 30);
        String carol = createUser("carol@itest.hashgrid.org", "client");
        String dave = createUser("dave@itest.hashgrid.org", "client");
        createUser("gus@itest.hashgrid.org", "guest");
        String asCarol = login("carol@itest.hashgrid.org", CLIENT_PASSWORD);
        String asDave = login("dave@itest.hashgrid.org", CLIENT_PASSWORD);
        String asGus = login("gus@itest.hashgrid.org", CLIENT_PASSWORD);
        long site = idOf(post("/sites", "{\"name\":\"Request site\",\"capacity_mw\":1}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"Request model\",\"manufacturer\":\"Sim\","
                + "\"hashrate\":14,\"power_consumption\":1400}").body());
        Reply created = post("/miners", "{\"serial_number\":\"REQ-C\",\"miner_model_id\":" + model + ",\"site_id\":"
                + site + ",\"cgminer_ip\":\"" + ADDRESSES[0] + "\",\"cgminer_port\":" + System.getProperty(SIM_PORT)
                + ",\"client_id\":\"" + carol + "\"}");
        assertEquals(created.body(), 201, created.status());
        long miner = idOf(created.body());
        String actions = "/miners/" + miner + "/actions";

        Reply asked = httpAs(asCarol, "POST", actions, JSON, "{\"action\":\"restart\"}");
        assertEquals(asked.body(), 202, asked.status());
        assertTrue(asked.body(), asked.body().contains("\"status\":\"pending\""));
        long request = idOf(asked.body());
        assertEquals(List.of("action-requests/" + request), asked.headers().get("location").stream()
                .map(l -> l.substring(l.indexOf("action-requests/"))).toList());
        assertEquals(409, httpAs(asCarol, "POST", actions, JSON, "{\"action\":\"stop\"}").status());
        assertEquals(404, httpAs(asDave, "POST", actions, JSON, "{\"action\":\"stop\"}").status());
        assertEquals(403, httpAs(asGus, "POST", actions, JSON, "{\"action\":\"stop\"}").status());
        String approve = "/action-requests/" + request + "/approve";
        assertEquals("a client approving its own request", 403, httpAs(asCarol, "POST", approve, JSON, "{}").status());
        assertEquals(404, httpAs(asDave, "GET", "/action-requests/" + request, null, null).status());

        Reply approved = post(approve, "{\"note\":\"go\"}");
        assertEquals(approved.body(), 200, approved.status());
        assertTrue(approved.body(), approved.body().contains("\"status\":\"executed\""));
        assertEquals(409, post(approve, "{}").status());
        Reply mine = httpAs(asCarol, "GET", "/action-requests?miner_id=" + miner, null, null);
        assertTrue(mine.body(), mine.body().contains("\"status\":\"executed\""));
        String log = get("/miners/" + miner + "/operations").body();
        assertTrue(log, log.contains("\"operation\":\"approve\"") && log.contains("(request " + request + ")"));

        long second = idOf(httpAs(asCarol, "POST", actions, JSON, "{\"action\":\"stop\"}").body());
        Reply rejected = post("/action-requests/" + second + "/reject", "{\"note\":\"peak hours\"}");
        assertEquals(rejected.body(), 200, rejected.status());
        assertTrue(rejected.body(), rejected.body().contains("\"status\":\"rejected\""));

        int before = get("/miners/" + miner + "/operations?limit=500").body().split("\"operation\":", -1).length;
        String key = "itest-" + System.nanoTime();
        Reply first = httpAs(ownerToken(), "POST", actions, JSON, "{\"action\":\"restart\"}", "Idempotency-Key", key);
        assertEquals(first.body(), 200, first.status());
        Reply again = httpAs(ownerToken(), "POST", actions, JSON, "{\"action\":\"restart\"}", "Idempotency-Key", key);
        assertEquals(again.body(), 200, again.status());
        assertEquals(first.body(), again.body());
        assertEquals(List.of("true"), again.headers().get("idempotent-replayed"));
        assertEquals("the retry did not run", before + 1,
                get("/miners/" + miner + "/operations?limit=500").body().split("\"operation\":", -1).length);
        Reply reused = httpAs(ownerToken(), "POST", actions, JSON, "{\"action\":\"stop\"}", "Idempotency-Key", key);
        assertEquals(reused.body(), 422, reused.status());
        assertTrue(reused.contentType().startsWith("application/problem+json"));
        assertEquals(400, httpAs(ownerToken(), "POST", actions, JSON, "{\"action\":\"stop\"}", "Idempotency-Key",
                "has space").status());
    }

    private String createUser(String email, String role) throws Exception {
        return createUser(email, role, CLIENT_PASSWORD);
    }

    @Test
    public void discoveryFindsTheAnsweringMinersAndRefusesBadRanges() throws Exception {
        awaitPlatform();
        await("/drivers", 200, 30);
        String port = System.getProperty(SIM_PORT);
        Reply found = post("/discovery", "{\"cidr\":\"127.77.0.0/29\",\"port\":" + port + "}");
        assertEquals(found.body(), 200, found.status());
        assertTrue(found.body(), found.body().contains("\"address\":\"127.77.0.1\""));
        assertFalse(found.body(), found.body().contains("127.77.0.2") || found.body().contains("127.77.0.3"));
        assertEquals(400, post("/discovery", "{\"cidr\":\"10.0.0.0/8\",\"port\":4028}").status());
        assertEquals(400, post("/discovery", "{\"cidr\":\"8.8.8.0/30\",\"port\":4028}").status());
        assertEquals(400, post("/discovery", "{\"cidr\":\"not-a-range\"}").status());
        assertEquals(400, post("/discovery", "{\"cidr\":\"127.77.0.0/30\",\"port\":"
                + System.getProperty(HTTP_PORT_PROPERTY) + "}").status());
    }

    @Test
    public void aThirdPartyDriverComesAndGoesWhileThePlatformServes() throws Exception {
        awaitPlatform();
        long site = idOf(post("/sites", "{\"name\":\"Fixed site\",\"capacity_mw\":1}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"Fixed model\",\"manufacturer\":\"F\",\"hashrate\":1,"
                + "\"power_consumption\":1}").body());
        long miner = miner("FIXED-1", site, model, "127.0.0.9", FixedReadingDriver.ID);
        assertEquals(503, get("/miners/" + miner + "/live").status());

        Bundle driver = context.installBundle(System.getProperty(TEST_DRIVER));
        driver.start();
        try {
            assertTrue(await("/drivers", 200, 10).body().contains(FixedReadingDriver.ID));
            Reply live = get("/miners/" + miner + "/live");
            assertEquals(live.body(), 200, live.status());
            assertTrue(live.body(), live.body().contains("\"hashrate\":123.5"));
        } finally {
            driver.uninstall();
        }
        assertFalse(get("/drivers").body().contains(FixedReadingDriver.ID));
        assertEquals(503, get("/miners/" + miner + "/live").status());
        assertEquals(200, get("/health").status());
        assertEquals(Bundle.ACTIVE, bundle("org.hashgrid.hosting").getState());
    }

    private long miner(String serial, long site, long model, String ip, String driver) throws Exception {
        Reply created = post("/miners", "{\"serial_number\":\"" + serial + "\",\"miner_model_id\":" + model
                + ",\"site_id\":" + site + ",\"cgminer_ip\":\"" + ip + "\",\"cgminer_port\":"
                + System.getProperty(SIM_PORT) + ",\"driver\":\"" + driver + "\"}");
        assertEquals(created.body(), 201, created.status());
        return idOf(created.body());
    }
}
