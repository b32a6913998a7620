package org.hashgrid.hosting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.hashgrid.api.MergePatch;
import org.hashgrid.core.Caller;
import org.hashgrid.core.FieldError;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Roles;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.hosting.ActionRequest;
import org.hashgrid.hosting.CredentialsInfo;
import org.hashgrid.hosting.DiscoveredMiner;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.NewCredentials;
import org.hashgrid.hosting.NewMiner;
import org.hashgrid.hosting.NewMinerModel;
import org.hashgrid.hosting.NewSite;
import org.hashgrid.hosting.PollTarget;
import org.hashgrid.hosting.rest.DriverInfo;
import org.hashgrid.secrets.internal.AesGcmSecretBox;
import org.hashgrid.secrets.internal.SecretRotation;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Control-API credentials and ports on a real PostgreSQL: a miner's own credentials win over its
 * site's for its driver, passwords are stored sealed and never shown, roles, bad input that
 * changes nothing, the operation log and outbox, {@code MinerAccess} handed to drivers for reads,
 * actions (set_mode included), requests, discovery and the poll list, and rotation.
 */
class CredentialServiceTest extends DatabaseTest {
    private static final String PASSWORD = "Qx7-hunter2-Zy";
    private static final Caller GUEST = new Caller("00000000-0000-0000-0000-00000000beef", "guest@example.org",
            Roles.GUEST, false);

    @TempDir
    static Path secrets;
    private static HostingFixture hosting;
    private static AccessDriver antminer;
    private static AccessDriver whatsminer;
    private static long model;

    @BeforeAll
    static void start() {
        hosting = new HostingFixture(tx, secrets);
        antminer = new AccessDriver("antminer");
        whatsminer = new AccessDriver("whatsminer");
        hosting.install(antminer);
        hosting.install(whatsminer);
        model = hosting.models.create(new NewMinerModel("Cred model", "Bitmain", new BigDecimal("100"),
                new BigDecimal("3000"), null, null, null)).id();
    }

    private static long site(String name) {
        return hosting.sites.create(new NewSite(name, null, BigDecimal.TEN)).id();
    }

    private static Miner miner(String serial, long site, String driver, Integer controlPort, String client) {
        return hosting.miners.create(callers.staff(), new NewMiner(serial, model, site, null, "10.7.0.1", 4028, null,
                driver, client, null, null, controlPort));
    }

    private static NewCredentials credentials(String username, String password) {
        return new NewCredentials(username, password);
    }

    private static long count(String sql) throws Exception {
        return selectLong(sql);
    }

    @Test
    void aMinersOwnCredentialsWinOverItsSitesForItsDriver() throws Exception {
        long site = site("Scopes");
        Miner ant = miner("CRED-1", site, "antminer", 8080, null);
        Miner what = miner("CRED-2", site, "whatsminer", null, null);
        assertEquals(CredentialsInfo.NONE, hosting.credentials.ofMiner(callers.staff(), ant.id()));
        assertEquals(8080, hosting.targets.resolve(callers.staff(), ant.id()).access().controlPort().getAsInt());
        assertTrue(hosting.targets.resolve(callers.staff(), ant.id()).access().credentials().isEmpty());

        hosting.credentials.setForSite(callers.admin(), site, "antminer", credentials("root", "site-secret"));
        CredentialsInfo viaSite = hosting.credentials.ofMiner(callers.staff(), ant.id());
        assertEquals("site", viaSite.scope());
        assertEquals("root", viaSite.username());
        assertEquals(callers.admin().userId(), viaSite.updatedBy());
        assertEquals(CredentialsInfo.NONE, hosting.credentials.ofMiner(callers.staff(), what.id()),
                "a site's credentials are for one driver's miners");
        assertEquals(new MinerCredentials("root", "site-secret"),
                hosting.targets.resolve(callers.staff(), ant.id()).access().credentials().orElseThrow());

        hosting.credentials.setForMiner(callers.owner(), ant.id(), credentials("admin", PASSWORD));
        CredentialsInfo own = hosting.credentials.ofMiner(callers.staff(), ant.id());
        assertEquals("miner", own.scope());
        assertEquals("admin", own.username());
        assertEquals(callers.owner().userId(), own.updatedBy());
        MinerAccess access = hosting.targets.resolve(callers.staff(), ant.id()).access();
        assertEquals(new MinerAccess(new MinerEndpoint("10.7.0.1", 4028), java.util.OptionalInt.of(8080),
                Optional.of(new MinerCredentials("admin", PASSWORD))), access);

        hosting.credentials.setForMiner(callers.owner(), ant.id(), credentials(null, "second"));
        assertEquals("", hosting.credentials.ofMiner(callers.staff(), ant.id()).username(), "no user name: empty");
        assertEquals(1, count("select count(*) from miner_credentials where miner_id = " + ant.id()), "replaced");

        assertTrue(hosting.credentials.removeForMiner(callers.admin(), ant.id()));
        assertEquals("site", hosting.credentials.ofMiner(callers.staff(), ant.id()).scope());
        assertFalse(hosting.credentials.removeForMiner(callers.admin(), ant.id()), "nothing left to remove");
        assertTrue(hosting.credentials.removeForSite(callers.admin(), site, "antminer"));
        assertEquals(CredentialsInfo.NONE, hosting.credentials.ofMiner(callers.staff(), ant.id()));
        assertEquals(CredentialsInfo.NONE, hosting.credentials.ofSite(callers.staff(), site, "antminer"));
    }

    @Test
    void passwordsAreStoredSealedToTheirRowAndNeverShown() throws Exception {
        long site = site("Sealed");
        Miner miner = miner("CRED-3", site, "antminer", null, null);
        Miner other = miner("CRED-4", site, "antminer", null, null);
        hosting.credentials.setForMiner(callers.admin(), miner.id(), credentials("root", PASSWORD));
        hosting.credentials.setForMiner(callers.admin(), other.id(), credentials("root", "other-password"));

        List<String> row = selectRow("select encode(password_encrypted, 'escape'), key_id, username from "
                + "miner_credentials where miner_id = " + miner.id());
        assertFalse(row.get(0).contains(PASSWORD), "sealed at rest");
        assertEquals(hosting.box.currentKeyId(), row.get(1));
        assertEquals("root", row.get(2));
        String everything = selectText("select string_agg(details, ' | ') from miner_operation_log where miner_id = "
                + miner.id()) + selectText(
                        "select string_agg(payload::text, ' | ') from outbox_events where "
                                + "aggregate_type = 'miner' and aggregate_id = '" + miner.id() + "'");
        assertFalse(everything.contains(PASSWORD), everything);
        assertTrue(everything.contains("control API credentials set"), everything);
        assertTrue(everything.contains("\"by\": \"" + callers.admin().userId() + "\""), everything);
        assertEquals(1, count("select count(*) from outbox_events where event_type = 'miner.credentials_set' and "
                + "aggregate_id = '" + miner.id() + "'"));
        assertFalse(hosting.credentials.ofMiner(callers.staff(), miner.id()).toString().contains(PASSWORD));
        assertFalse(credentials("root", PASSWORD).toString().contains(PASSWORD));

        executeSql("update miner_credentials set password_encrypted = (select password_encrypted from "
                + "miner_credentials where miner_id = " + miner.id() + "), key_id = (select key_id from "
                + "miner_credentials where miner_id = " + miner.id() + ") where miner_id = " + other.id());
        ProblemException copied = assertThrows(ProblemException.class,
                () -> hosting.targets.resolve(callers.staff(), other.id()));
        assertEquals(500, copied.status());
        assertFalse(copied.getMessage().contains(PASSWORD));
        PollTarget listed = poll(other.id());
        assertTrue(listed.access().credentials().isEmpty(), "polled without what does not open");
        assertEquals(PASSWORD, poll(miner.id()).access().credentials().orElseThrow().password());
        // what does not open would stop the rotation test's re-seal
        executeSql("delete from miner_credentials where miner_id = " + other.id());
    }

    private static PollTarget poll(long minerId) {
        return new Inventory(hosting.miners, HostingServicesTest.POLICY, hosting.sites, hosting.models, hosting.log,
                hosting.credentials).pollTargets().stream().filter(t -> t.minerId() == minerId).findFirst()
                .orElseThrow();
    }

    @Test
    void onlyOwnersAndAdminsChangeCredentialsAndClientsSeeNothing() {
        long site = site("Roles");
        Miner miner = miner("CRED-5", site, "antminer", null, callers.clientA().userId());
        for (Caller refused : List.of(callers.staff(), callers.clientA(), GUEST)) {
            assertEquals(403, assertThrows(ProblemException.class, () -> hosting.credentials
                    .setForMiner(refused, miner.id(), credentials("root", PASSWORD))).status(), refused.role());
            assertEquals(403, assertThrows(ProblemException.class, () -> hosting.credentials
                    .setForSite(refused, site, "antminer", credentials("root", PASSWORD))).status());
            assertEquals(403, assertThrows(ProblemException.class,
                    () -> hosting.credentials.removeForMiner(refused, miner.id())).status());
            assertEquals(403, assertThrows(ProblemException.class,
                    () -> hosting.credentials.removeForSite(refused, site, "antminer")).status());
        }
        for (Caller refused : List.of(callers.clientA(), GUEST)) {
            assertEquals(403, assertThrows(ProblemException.class,
                    () -> hosting.credentials.ofMiner(refused, miner.id())).status(), "even on its own miner");
            assertEquals(403, assertThrows(ProblemException.class,
                    () -> hosting.credentials.ofSite(refused, site, "antminer")).status());
        }
        assertEquals("none", hosting.credentials.ofMiner(callers.staff(), miner.id()).scope());
        hosting.credentials.setForMiner(callers.admin(), miner.id(), credentials("root", PASSWORD));
        assertEquals("miner", hosting.credentials.ofMiner(callers.staff(), miner.id()).scope());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        long site = site("Bad input");
        Miner miner = miner("CRED-6", site, "antminer", null, null);
        long rows = count("select count(*) from miner_credentials");
        long logged = count("select count(*) from miner_operation_log");
        assertEquals(Set.of("password"), fields(() -> hosting.credentials.setForMiner(callers.admin(), miner.id(),
                credentials("root", ""))));
        assertEquals(Set.of("password"), fields(() -> hosting.credentials.setForMiner(callers.admin(), miner.id(),
                credentials("root", null))));
        assertEquals(Set.of("password"), fields(() -> hosting.credentials.setForMiner(callers.admin(), miner.id(),
                credentials("root", "x".repeat(257)))));
        hosting.credentials.setForMiner(callers.admin(), miner.id(), credentials("root", "x".repeat(256)));
        hosting.credentials.removeForMiner(callers.admin(), miner.id());
        assertEquals(Set.of("password"), fields(() -> hosting.credentials.setForMiner(callers.admin(), miner.id(),
                credentials("root", "line\nbreak"))));
        assertEquals(Set.of("password", "username"), fields(() -> hosting.credentials.setForMiner(callers.admin(),
                miner.id(), credentials("ro\u0000ot", "tab\there"))));
        assertEquals(Set.of("username"), fields(() -> hosting.credentials.setForMiner(callers.admin(), miner.id(),
                credentials("u".repeat(65), PASSWORD))));
        assertEquals(404, assertThrows(ProblemException.class, () -> hosting.credentials.setForMiner(callers.admin(),
                999_999, credentials("root", PASSWORD))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> hosting.credentials.setForSite(callers.admin(),
                999_999, "antminer", credentials("root", PASSWORD))).status());
        for (String driver : List.of("acme", "Not A Driver", "../x")) {
            ProblemException unknown = assertThrows(ProblemException.class, () -> hosting.credentials
                    .setForSite(callers.admin(), site, driver, credentials("root", PASSWORD)));
            assertEquals(404, unknown.status(), driver);
            assertTrue(unknown.getMessage().startsWith("Driver"), unknown.getMessage());
            assertEquals(404, assertThrows(ProblemException.class,
                    () -> hosting.credentials.ofSite(callers.staff(), site, driver)).status());
        }
        assertEquals(404, assertThrows(ProblemException.class,
                () -> hosting.credentials.ofMiner(callers.staff(), 999_999)).status());
        assertEquals(rows, count("select count(*) from miner_credentials"));
        assertEquals(logged + 2, count("select count(*) from miner_operation_log"), "only the 256 set and removed");
    }

    private static Set<String> fields(Runnable call) {
        ProblemException e = assertThrows(ProblemException.class, call::run);
        assertEquals(400, e.status());
        assertFalse(e.getMessage().contains(PASSWORD));
        return e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    }

    @Test
    void aSitesCredentialsStayVisibleAndRemovableOnceTheirDriverIsGone() throws Exception {
        long site = site("Gone driver");
        AccessDriver passing = new AccessDriver("passing");
        hosting.install(passing);
        hosting.credentials.setForSite(callers.admin(), site, "passing", credentials("root", PASSWORD));
        hosting.drivers().removeDriver(passing, Map.of("hashgrid.driver", "passing"));
        assertEquals("site", hosting.credentials.ofSite(callers.staff(), site, "passing").scope());
        assertTrue(hosting.credentials.removeForSite(callers.admin(), site, "passing"));
        assertEquals(404, assertThrows(ProblemException.class,
                () -> hosting.credentials.removeForSite(callers.admin(), site, "passing")).status());
        assertEquals(2, count("select count(*) from miner_operation_log where miner_id is null and details like "
                + "'site " + site + ": %'"), "set and removed, logged without a miner");
        assertEquals(List.of("site.credentials_set", "site.credentials_removed"), List.of(
                selectText(
                        "select event_type from outbox_events where aggregate_type = 'site' and aggregate_id = '" + site
                                + "' order by id limit 1"),
                selectText(
                        "select event_type from outbox_events where aggregate_type = 'site' and aggregate_id = '" + site
                                + "' order by id desc limit 1")));
    }

    @Test
    void theDatabaseAllowsExactlyOneScopePerRow() throws Exception {
        long site = site("Constraint");
        Miner miner = miner("CRED-7", site, "antminer", null, null);
        String values = "'root', '\\x00112233445566778899aabbccddeeff00112233445566778899', 'k1'";
        assertThrows(java.sql.SQLException.class, () -> executeSql("insert into miner_credentials (miner_id, site_id, "
                + "driver, username, password_encrypted, key_id) values (" + miner.id() + ", " + site
                + ", 'antminer', " + values + ")"));
        assertThrows(java.sql.SQLException.class, () -> executeSql("insert into miner_credentials (site_id, username, "
                + "password_encrypted, key_id) values (" + site + ", " + values + ")"));
        executeSql("insert into miner_credentials (site_id, driver, username, password_encrypted, key_id) values ("
                + site + ", 'antminer', " + values + ")");
        assertThrows(java.sql.SQLException.class, () -> executeSql("insert into miner_credentials (site_id, driver, "
                + "username, password_encrypted, key_id) values (" + site + ", 'antminer', " + values + ")"));
        assertThrows(java.sql.SQLException.class, () -> executeSql("update hosting_miners set control_port = 0 "
                + "where id = " + miner.id()));
        executeSql("delete from miner_credentials where site_id = " + site);
    }

    @Test
    void controlPortsAreCheckedLikeTheApiPort() {
        long site = site("Ports");
        assertEquals(400, assertThrows(ProblemException.class, () -> miner("PORT-1", site, "antminer", 0, null))
                .status());
        assertEquals(400, assertThrows(ProblemException.class, () -> miner("PORT-2", site, "antminer", 65536, null))
                .status());
        ProblemException platform = assertThrows(ProblemException.class,
                () -> miner("PORT-3", site, "antminer", 8181, null));
        assertEquals("control_port", platform.errors().get(0).field());
        Miner miner = miner("PORT-4", site, "antminer", 8443, null);
        assertEquals(8443, miner.controlPort());
        MergePatch patch = new MergePatch(JsonNodeFactory.instance.objectNode().put("control_port", 9443));
        assertEquals(9443, hosting.miners.update(callers.admin(), miner.id(), patch).controlPort());
        MergePatch clear = new MergePatch(JsonNodeFactory.instance.objectNode().putNull("control_port"));
        assertNull(hosting.miners.update(callers.admin(), miner.id(), clear).controlPort());
        MergePatch bad = new MergePatch(JsonNodeFactory.instance.objectNode().put("control_port", 70000));
        assertEquals(400, assertThrows(ProblemException.class,
                () -> hosting.miners.update(callers.admin(), miner.id(), bad)).status());
    }

    @Test
    void setModeRunsThroughTheDriverWithTheMinersAccess() throws Exception {
        long site = site("Modes");
        Miner miner = miner("MODE-1", site, "antminer", 8080, callers.clientA().userId());
        hosting.credentials.setForSite(callers.admin(), site, "antminer", credentials("root", PASSWORD));
        var done = hosting.actions.act(callers.staff(), miner.id(), "set_mode", " Low_Power ");
        assertEquals("set_mode", done.operation());
        assertTrue(done.details().startsWith("set_mode low_power acknowledged by antminer"), done.details());
        assertEquals(MinerCommand.setMode(MinerMode.LOW_POWER), antminer.lastCommand);
        assertEquals(PASSWORD, antminer.lastAccess.credentials().orElseThrow().password());
        assertEquals(8080, antminer.lastAccess.controlPort().getAsInt());
        for (String[] bad : new String[][] { { "set_mode", null }, { "set_mode", "sleep" }, { "stop", "normal" },
            { "turbo", null } }) {
            assertEquals(400, assertThrows(ProblemException.class,
                    () -> hosting.actions.act(callers.staff(), miner.id(), bad[0], bad[1])).status(), bad[0]);
        }

        ActionRequest asked = hosting.requests.request(callers.clientA(), miner.id(), "set_mode", "high_performance");
        assertEquals("pending", asked.status());
        assertEquals("high_performance", asked.mode());
        ActionRequest approved = hosting.requests.approve(callers.admin(), asked.id(), null);
        assertEquals("executed", approved.status());
        assertEquals("high_performance", approved.mode());
        assertEquals(MinerCommand.setMode(MinerMode.HIGH_PERFORMANCE), antminer.lastCommand);
        assertEquals(1, count("select count(*) from miner_operation_log where miner_id = " + miner.id()
                + " and operation = 'approve' and details like '%(set_mode high_performance) approved%'"));
    }

    @Test
    void liveReadsAndDiscoveryUseTheStoredAccess() throws Exception {
        long site = site("Live");
        Miner miner = miner("LIVE-1", site, "whatsminer", 4433, null);
        hosting.credentials.setForMiner(callers.admin(), miner.id(), credentials("admin", PASSWORD));
        hosting.live.read(callers.owner(), miner.id());
        assertEquals(new MinerCredentials("admin", PASSWORD), whatsminer.lastAccess.credentials().orElseThrow());
        assertEquals(4433, whatsminer.lastAccess.controlPort().getAsInt());

        DiscoveryService discovery = new DiscoveryService(hosting.drivers(), HostingServicesTest.POLICY,
                hosting.credentials, 16, java.time.Duration.ofSeconds(1));
        assertTrue(discovery.scan("10.9.0.0/30", 4028, null).isEmpty(), "nobody identifies without signing in");
        hosting.credentials.setForSite(callers.admin(), site, "antminer", credentials("site-root", PASSWORD));
        List<DiscoveredMiner> found = discovery.scan("10.9.0.0/30", 4028, site);
        assertFalse(found.isEmpty());
        assertTrue(found.stream().allMatch(d -> d.driver().equals("antminer") && "site-root".equals(d.serialNumber())));
        assertEquals(400, assertThrows(ProblemException.class, () -> discovery.scan("10.9.0.0/30", 4028, 999_999L))
                .status());
    }

    @Test
    void theDriverListShowsSetMode() {
        List<DriverInfo> listed = new org.hashgrid.hosting.rest.DriverResource(hosting.drivers(), null).drivers();
        DriverInfo ant = listed.stream().filter(d -> d.id().equals("antminer")).findFirst().orElseThrow();
        assertTrue(ant.capabilities().contains("SET_MODE"), ant.toString());
    }

    @Test
    void withoutTheSecretsServiceNothingIsStoredOrOpenedAndTheRestWorks() throws Exception {
        long site = site("No box");
        Miner plain = miner("NOBOX-1", site, "antminer", null, null);
        Miner guarded = miner("NOBOX-2", site, "antminer", null, null);
        hosting.credentials.setForMiner(callers.admin(), guarded.id(), credentials("root", PASSWORD));
        CredentialService without = new CredentialService(tx, hosting.drivers(), null);
        assertEquals(503, assertThrows(ProblemException.class, () -> without.setForMiner(callers.admin(), plain.id(),
                credentials("root", PASSWORD))).status());
        assertEquals("miner", without.ofMiner(callers.staff(), guarded.id()).scope());
        MinerTargets targets = new MinerTargets(hosting.miners, hosting.drivers(), HostingServicesTest.POLICY,
                without);
        assertTrue(targets.resolve(callers.staff(), plain.id()).access().credentials().isEmpty());
        assertEquals(503, assertThrows(ProblemException.class, () -> targets.resolve(callers.staff(), guarded.id()))
                .status());
    }

    @Test
    void rotationResealsEveryCredentialInOneTransaction() throws Exception {
        long site = site("Rotation");
        Miner miner = miner("ROT-1", site, "antminer", null, null);
        hosting.credentials.setForMiner(callers.admin(), miner.id(), credentials("root", PASSWORD));
        hosting.credentials.setForSite(callers.admin(), site, "whatsminer", credentials("admin", "site-pw"));
        String updatedAt = selectText("select updated_at from miner_credentials where miner_id = " + miner.id());
        AesGcmSecretBox box = (AesGcmSecretBox) hosting.box;
        SecretRotation rotation = new SecretRotation(box, tx);
        rotation.addHolder(hosting.credentials);
        long stored = count("select count(*) from miner_credentials");

        SecretRotation.Report report = rotation.rotate(true);
        assertEquals(Map.of("miner credentials", (int) stored), report.resealed());
        assertEquals(List.of(report.keyId()), box.keyIds());
        assertEquals(0, count("select count(*) from miner_credentials where key_id <> '" + report.keyId() + "'"));
        assertEquals(PASSWORD, hosting.targets.resolve(callers.staff(), miner.id()).access().credentials()
                .orElseThrow().password());
        assertEquals(updatedAt, selectText("select updated_at from miner_credentials where miner_id = " + miner.id()),
                "re-sealing is not an update by someone");
        assertEquals(new AesGcmSecretBox(Configs.of(AesGcmSecretBox.Config.class,
                Map.of("key_file", secrets.resolve("hashgrid-secrets.key").toString()))).keyIds(), box.keyIds());
    }
}
