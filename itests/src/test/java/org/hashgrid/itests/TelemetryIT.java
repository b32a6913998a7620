package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The telemetry pipeline end to end: simulated miners of several firmwares polled every 5 s
 * through the cgminer driver, readings COPYed into the partitioned table, the latest state
 * kept, a miner that dies set offline and back to active by the platform, and a
 * {@code bundle:update} of telemetry in the middle of polling losing no reading.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TelemetryIT extends HashgridTestSupport {
    private static final String SIM_PORT = "hashgrid.itest.telemetry.port";
    private static final String FIRST = "127.78.0.1";
    private static final int MINERS = 9;
    /** The miner that dies: it goes silent for 25 s every 55 s (TelemetryFixtures). */
    private static final int DYING = 3;
    private static final String TELEMETRY = "org.hashgrid.telemetry";
    private static final Pattern STOPPED = Pattern.compile("Telemetry stopped: (\\d+) reads answered");

    @Inject
    protected ConfigurationAdmin configurations;

    @Override
    @Configuration
    public Option[] config() throws Exception {
        // the test JVM runs the simulator; the container polls it over loopback
        int port = TelemetryFixtures.startSimulator(FIRST, MINERS, DYING);
        return OptionUtils.combine(super.config(), systemProperty(SIM_PORT).value(Integer.toString(port)),
                editConfigurationFilePut("etc/org.hashgrid.telemetry.cfg", "enabled", "true"),
                editConfigurationFilePut("etc/org.hashgrid.telemetry.cfg", "poll.interval.seconds", "5"),
                editConfigurationFilePut("etc/org.hashgrid.telemetry.cfg", "read.timeout.seconds", "2"),
                editConfigurationFilePut("etc/org.hashgrid.telemetry.cfg", "offline.after.failures", "2"));
    }

    @Test
    public void readingsFlowAndAMinerThatDiesGoesOfflineAndComesBack() throws Exception {
        awaitPlatform();
        long[] miners = fleet("live");
        long liveSite = number(get("/miners/" + miners[0]).body(), "site_id");
        // every simulated miner runs warmer than 1 °C: each raises one alert, once
        Reply rule = post("/sites/" + liveSite + "/alert-rules", "{\"kind\":\"temperature_above\",\"threshold\":1}");
        assertEquals(rule.body(), 201, rule.status());
        awaitWritten(2L * MINERS, 60);
        awaitCount("SELECT count(*) FROM miner_latest_state WHERE miner_id BETWEEN " + miners[0] + " AND "
                + miners[MINERS - 1], MINERS, 30);
        assertTrue(count("SELECT count(*) FROM miner_telemetry WHERE miner_id = " + miners[0]) >= 1);
        assertTrue("per-board detail is kept", count("SELECT count(*) FROM miner_telemetry WHERE miner_id = "
                + miners[0] + " AND cardinality(board_temperatures) > 1") >= 1);

        long site = number(get("/miners/" + miners[0]).body(), "site_id");
        Reply fleet = get("/sites/" + site + "/fleet?sort=efficiency&order=asc&limit=100");
        assertEquals(fleet.body(), 200, fleet.status());
        assertEquals(fleet.body(), MINERS, fleet.body().split("\"miner_id\":", -1).length - 1);
        assertTrue(fleet.body(), fleet.body().contains("\"efficiency\":"));
        assertEquals(404, get("/sites/987654321/fleet").status());

        String history = "/miners/" + miners[0] + "/telemetry";
        Reply series = get(history + "?bucket=1m");
        assertEquals(series.body(), 200, series.status());
        assertTrue(series.body(), series.body().contains("\"points\":[{\"at\":"));
        Reply raw = get(history);
        assertTrue(raw.body(), raw.body().contains("\"board_temperatures\":["));
        assertEquals(400, get(history + "?bucket=2m").status());
        assertEquals(400, get(history + "?bucket=raw&from=2020-01-01T00:00:00Z").status());
        assertEquals(400, get(history + "?from=yesterday").status());
        assertEquals(404, get("/miners/987654321/telemetry").status());
        Reply totals = get("/sites/" + site + "/telemetry?bucket=5m");
        assertEquals(totals.body(), 200, totals.status());
        assertTrue(totals.body(), totals.body().contains("\"miners_reporting\":"));

        long deadline = System.currentTimeMillis() + 30_000;
        Reply alerts = get("/alerts?status=open&site_id=" + liveSite + "&limit=100");
        while (alerts.body().split("\"kind\":\"temperature_above\"", -1).length - 1 < MINERS
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            alerts = get("/alerts?status=open&site_id=" + liveSite + "&limit=100");
        }
        assertEquals(alerts.body(), MINERS, alerts.body().split("\"kind\":\"temperature_above\"", -1).length - 1);

        String miner = "/miners/" + miners[DYING];
        awaitStatus(miner, "offline", 90);
        awaitStatus(miner, "active", 90);
        Reply log = get(miner + "/operations?limit=10");
        assertTrue(log.body(), log.body().contains("active → offline") && log.body().contains("system:telemetry"));
        assertTrue(log.body(), log.body().contains("offline → active"));
    }

    @Test
    public void updatingTelemetryWhilePollingLosesNoReading() throws Exception {
        awaitPlatform();
        long[] miners = fleet("swap");
        awaitWritten(MINERS, 60);
        long modified = bundle(TELEMETRY).getLastModified();
        execute("bundle:update " + TELEMETRY);
        assertTrue("updated", bundle(TELEMETRY).getLastModified() > modified);
        await("/telemetry/metrics", 200, 30);
        awaitWritten(MINERS, 60);
        String stats = execute("hashgrid:telemetry-stats");
        assertTrue(stats, stats.contains("reads answered") && stats.contains("every 5 s"));

        setPolling(false);
        Thread.sleep(Duration.ofSeconds(8).toMillis()); // the cycle under way ends, its reads land
        long deadline = System.currentTimeMillis() + 30_000;
        while (number(get("/telemetry/metrics").body(), "buffered") != 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        long answered = number(get("/telemetry/metrics").body(), "polled") + answeredByStoppedPipelines();
        long stored = count("SELECT count(*) FROM miner_telemetry");
        assertEquals("every answered read is stored, across the update", answered, stored);
        assertTrue(stored > 2L * MINERS);
        setPolling(true);
        assertTrue(miners.length > 0);
    }

    /**
     * The database refuses every connection for 30 s while miners are polled (connections
     * forbidden and the open ones terminated): readings wait in the buffer, health says so, and
     * once the database answers again every answered read is stored — none lost.
     */
    @Test
    public void aDatabaseAwayFor30SecondsLosesNoReading() throws Exception {
        awaitPlatform();
        fleet("outage");
        setPolling(true);
        awaitWritten(MINERS, 60);
        String database = databaseName();
        try (Connection admin = maintenanceConnection()) {
            try (Statement s = admin.createStatement()) {
                s.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS false");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
            }
            try {
                Thread.sleep(10_000);
                // the writers wait for a connection (the pool's timeout), the poller goes on
                long polledBefore = number(get("/telemetry/metrics").body(), "polled");
                Thread.sleep(10_000);
                Reply metrics = get("/telemetry/metrics");
                assertTrue(metrics.body(), number(metrics.body(), "buffered") > MINERS);
                assertTrue(metrics.body(), number(metrics.body(), "polled") > polledBefore);
                Thread.sleep(10_000);
            } finally {
                try (Statement s = admin.createStatement()) {
                    s.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS true");
                }
            }
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (number(get("/telemetry/metrics").body(), "buffered") > MINERS && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        setPolling(false);
        Thread.sleep(Duration.ofSeconds(8).toMillis());
        deadline = System.currentTimeMillis() + 60_000;
        while (number(get("/telemetry/metrics").body(), "buffered") != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        Reply metrics = get("/telemetry/metrics");
        assertEquals(metrics.body(), 0, number(metrics.body(), "dropped"));
        long answered = number(metrics.body(), "polled") + answeredByStoppedPipelines();
        long stored = count("SELECT count(*) FROM miner_telemetry");
        // at least once: a COPY the server committed just as its connection was killed is written again
        assertTrue("answered " + answered + ", stored " + stored, stored >= answered);
        setPolling(true);
    }

    private String databaseName() throws IOException {
        return datasourceSetting("url").replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
    }

    /** A connection to the same server's maintenance database, as the platform's user. */
    private Connection maintenanceConnection() throws Exception {
        String url = datasourceSetting("url").replaceAll("/([^/?]+)(\\?.*)?$", "/postgres");
        java.util.Properties properties = new java.util.Properties();
        properties.put("user", datasourceSetting("user"));
        properties.put("password", datasourceSetting("password"));
        return new org.postgresql.Driver().connect(url, properties);
    }

    private static String datasourceSetting(String key) throws IOException {
        java.util.Properties cfg = new java.util.Properties();
        try (var in = Files.newInputStream(Paths.get(System.getProperty("karaf.etc"),
                "org.ops4j.datasource-hashgrid.cfg"))) {
            cfg.load(in);
        }
        return cfg.getProperty(key, "");
    }

    private long[] fleet(String name) throws Exception {
        long site = idOf(post("/sites", "{\"name\":\"Telemetry " + name + "\",\"capacity_mw\":1}").body());
        long model = idOf(post("/miner-models", "{\"name\":\"Sim " + name + "\",\"manufacturer\":\"Sim\","
                + "\"hashrate\":100,\"power_consumption\":3000}").body());
        long[] ids = new long[MINERS];
        String first = FIRST.substring(0, FIRST.lastIndexOf('.') + 1);
        for (int i = 0; i < MINERS; i++) {
            Reply created = post("/miners", "{\"serial_number\":\"TEL-" + name + "-" + i + "\",\"miner_model_id\":"
                    + model + ",\"site_id\":" + site + ",\"cgminer_ip\":\"" + first + (i + 1) + "\",\"cgminer_port\":"
                    + System.getProperty(SIM_PORT) + "}");
            assertEquals(created.body(), 201, created.status());
            ids[i] = idOf(created.body());
        }
        return ids;
    }

    private void awaitWritten(long atLeastMore, long seconds) throws Exception {
        long start = number(await("/telemetry/metrics", 200, 30).body(), "written");
        long deadline = System.currentTimeMillis() + seconds * 1_000;
        long written = start;
        while (written - start < atLeastMore && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            written = number(get("/telemetry/metrics").body(), "written");
        }
        assertTrue("written " + (written - start) + " in " + seconds + " s", written - start >= atLeastMore);
    }

    private void awaitStatus(String miner, String status, long seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1_000;
        String now = null;
        while (System.currentTimeMillis() < deadline) {
            now = field(get(miner).body(), "status");
            if (status.equals(now)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(miner + " did not become " + status + " in " + seconds + " s; it is " + now);
    }

    private void setPolling(boolean enabled) throws Exception {
        org.osgi.service.cm.Configuration config = configurations.getConfiguration(TELEMETRY, null);
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>()
                : config.getProperties();
        properties.put("enabled", Boolean.toString(enabled));
        config.update(properties);
    }

    /** What the pipelines stopped by updates had read, from their last log line. */
    private static long answeredByStoppedPipelines() throws IOException {
        Path log = Paths.get(System.getProperty("karaf.log"), "karaf.log");
        long total = 0;
        Matcher m = STOPPED.matcher(Files.readString(log));
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    private void awaitCount(String sql, long expected, long seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1_000;
        long now = count(sql);
        while (now != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            now = count(sql);
        }
        assertEquals(sql, expected, now);
    }

    private long count(String sql) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(DataSource.class.getName(), "(hashgrid.schema=*)");
        DataSource dataSource = (DataSource) context.getService(refs[0]);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } finally {
            context.ungetService(refs[0]);
        }
    }
}
