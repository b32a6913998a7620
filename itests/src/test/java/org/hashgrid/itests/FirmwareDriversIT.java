package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.List;

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
 * The firmware driver bundles in a running platform, as a vendor would ship them: each bundle is
 * uninstalled and installed again while the platform runs, {@code GET /drivers} follows, and
 * {@code POST /miners/{id}/actions} stops and starts a simulated miner of every dialect through
 * its driver, with the credentials stored through the API. The simulator runs in the test JVM (the
 * platform refuses its own process's ports); each miner has its own loopback address, the cgminer
 * API on one port and the control API (web, REST, API v3) on another.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FirmwareDriversIT extends HashgridTestSupport {
    private static final String JSON = "application/json";
    private static final String API_PORT = "hashgrid.itest.firmware.api.port";
    private static final String CONTROL_PORT = "hashgrid.itest.firmware.control.port";
    private static final String FIRST_ADDRESS = "127.79.0.1";

    /**
     * One simulated miner of each dialect, in simulator order, with the driver that controls it.
     * The model is named by its simulator constant: the container never loads simulator classes.
     */
    record Fleet(String serial, String model, String driver, String username, String password) {
    }

    private static final List<Fleet> FLEET = List.of(
            new Fleet("FW-ANT", "ANTMINER_S19_PRO", "antminer", "root", "ant-Pw-41"),
            new Fleet("FW-WM2", "WHATSMINER_M30S", "whatsminer", "admin", "wm2-Pw-52"),
            new Fleet("FW-WM3", "WHATSMINER_M60S", "whatsminer", "super", "wm3-Pw-63"),
            new Fleet("FW-LUX", "ANTMINER_S19_LUXOS", "luxos", null, null),
            new Fleet("FW-BOS", "ANTMINER_S19_BRAIINS", "braiins", "root", "bos-Pw-74"));

    @Override
    @Configuration
    public Option[] config() throws Exception {
        // runs in the test JVM only: the simulator answers the container over loopback
        int[] ports = FirmwareFixtures.startSimulator(FLEET, FIRST_ADDRESS);
        return OptionUtils.combine(super.config(),
                systemProperty(API_PORT).value(Integer.toString(ports[0])),
                systemProperty(CONTROL_PORT).value(Integer.toString(ports[1])),
                // live reads and actions share this timeout; a real Antminer CGI may take ~21 s
                editConfigurationFilePut("etc/org.hashgrid.hosting.live.cfg", "timeout.ms", "30000"));
    }

    @Test
    public void everyDriverIsHotInstallableAndStopsAndStartsItsMiner() throws Exception {
        awaitPlatform();
        // each driver bundle leaves the running platform and is installed into it again, as a vendor's would be
        for (String driver : List.of("antminer", "whatsminer", "luxos", "braiins")) {
            awaitDriverListed(driver, true);
            Bundle shipped = driverBundle(driver);
            String location = shipped.getLocation();
            shipped.uninstall();
            awaitDriverListed(driver, false);
            context.installBundle(location).start();
            awaitDriverListed(driver, true);
        }
        Reply drivers = get("/drivers");
        assertTrue(drivers.body(), drivers.body().contains("\"SET_POWER_LIMIT\""));

        long site = idOf(post("/sites", "{\"name\":\"Firmware site\",\"capacity_mw\":5}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"Firmware model\",\"manufacturer\":\"Sim\","
                + "\"hashrate\":100,\"power_consumption\":3250}").body());
        for (int i = 0; i < FLEET.size(); i++) {
            Fleet miner = FLEET.get(i);
            long id = register(miner, site, model, address(i));
            if (miner.password() != null) {
                Reply stored = http("PUT", "/miners/" + id + "/credentials", JSON,
                        "{\"username\":\"" + miner.username() + "\",\"password\":\"" + miner.password() + "\"}");
                assertEquals(stored.body(), 204, stored.status());
            }
            assertTrue(miner.serial(), liveHashrate(id) > 0);

            Reply stopped = post("/miners/" + id + "/actions", "{\"action\":\"stop\"}");
            assertEquals(miner.serial() + ": " + stopped.body(), 200, stopped.status());
            assertFalse("no secret in any answer", stopped.body().contains(String.valueOf(miner.password())));
            awaitAsleep(id, miner);

            Reply started = post("/miners/" + id + "/actions", "{\"action\":\"start\"}");
            assertEquals(miner.serial() + ": " + started.body(), 200, started.status());
            awaitHashing(id, miner);
        }
    }

    @Test
    public void aWrongPasswordIsRefusedAndTheMinerKeepsHashing() throws Exception {
        awaitPlatform();
        awaitDriverListed("braiins", true);
        long site = idOf(post("/sites", "{\"name\":\"Wrong password site\",\"capacity_mw\":1}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"Wrong password model\",\"manufacturer\":\"Sim\","
                + "\"hashrate\":95,\"power_consumption\":3250}").body());
        int index = 4;
        Fleet braiins = FLEET.get(index);
        long id = register(new Fleet("FW-BOS-WRONG", braiins.model(), braiins.driver(), null, null), site, model,
                address(index));
        assertEquals(204, http("PUT", "/miners/" + id + "/credentials", JSON,
                "{\"username\":\"root\",\"password\":\"not-the-Pw-99\"}").status());
        Reply refused = post("/miners/" + id + "/actions", "{\"action\":\"stop\"}");
        assertEquals(refused.body(), 502, refused.status());
        assertTrue(refused.body(), refused.body().contains("ACCESS_DENIED"));
        assertFalse(refused.body(), refused.body().contains("not-the-Pw-99"));
        assertTrue("a refused command changes nothing", liveHashrate(id) > 0);
    }

    private Bundle driverBundle(String driver) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().contains("/miner-driver-" + driver + "/")) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle of driver " + driver);
    }

    private long register(Fleet miner, long site, long model, String ip) throws Exception {
        Reply created = post("/miners", "{\"serial_number\":\"" + miner.serial() + "\",\"miner_model_id\":" + model
                + ",\"site_id\":" + site + ",\"cgminer_ip\":\"" + ip + "\",\"cgminer_port\":"
                + System.getProperty(API_PORT) + ",\"control_port\":" + System.getProperty(CONTROL_PORT)
                + ",\"driver\":\"" + miner.driver() + "\"}");
        assertEquals(created.body(), 201, created.status());
        return idOf(created.body());
    }

    private void awaitDriverListed(String driver, boolean listed) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        String body = "";
        while (System.nanoTime() < until) {
            Reply drivers = get("/drivers");
            body = drivers.body();
            if (drivers.status() == 200 && body.contains("\"id\":\"" + driver + "\"") == listed) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("driver " + driver + (listed ? " not listed" : " still listed") + ": " + body);
    }

    /** The platform's live reading of the miner says it sleeps (zero hashrate or sleep mode). */
    private void awaitAsleep(long id, Fleet miner) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        String last = "";
        while (System.nanoTime() < until) {
            Reply live = get("/miners/" + id + "/live");
            last = live.body();
            if (live.status() == 200
                    && (last.contains("\"hashrate\":0.0") || last.contains("\"mode\":\"sleep\""))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(miner.serial() + " did not fall asleep: " + last);
    }

    private void awaitHashing(long id, Fleet miner) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until) {
            if (liveHashrate(id) > 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(miner.serial() + " did not wake up");
    }

    /** The live hashrate in TH/s, or -1 while the miner does not answer (e.g. its cgminer restarting). */
    private double liveHashrate(long id) throws Exception {
        Reply live = get("/miners/" + id + "/live");
        if (live.status() != 200) {
            return -1;
        }
        int at = live.body().indexOf("\"hashrate\":");
        if (at < 0) {
            return -1;
        }
        String rest = live.body().substring(at + "\"hashrate\":".length());
        String number = rest.split("[,}]", 2)[0];
        return "null".equals(number) ? -1 : Double.parseDouble(number);
    }

    private static String address(int index) {
        return "127.79.0." + (index + 1);
    }
}
