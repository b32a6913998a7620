package org.hashgrid.hosting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.hosting.ActionRequest;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.NewCredentials;
import org.hashgrid.hosting.NewMiner;
import org.hashgrid.hosting.NewMinerModel;
import org.hashgrid.hosting.NewSite;
import org.hashgrid.hosting.Operation;
import org.hashgrid.hosting.PollTarget;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver that fails with a message built from the credentials it was given (as a careless
 * driver might): the password reaches no log line, no problem, no operation log entry and no
 * action request, and no record that holds credentials shows it.
 */
class CredentialLeakTest extends DatabaseTest {
    private static final String PASSWORD = "Leak-Canary-9f3a";

    @TempDir
    static Path secrets;
    private static HostingFixture hosting;
    private static AccessDriver careless;
    private static Miner miner;

    @BeforeAll
    static void start() {
        hosting = new HostingFixture(tx, secrets);
        careless = new AccessDriver("careless");
        careless.careless = true;
        hosting.install(careless);
        long site = hosting.sites.create(new NewSite("Leaks", null, BigDecimal.TEN)).id();
        long model = hosting.models.create(new NewMinerModel("Leak model", "Bitmain", new BigDecimal("100"),
                new BigDecimal("3000"), null, null, null)).id();
        miner = hosting.miners.create(callers.staff(), new NewMiner("LEAK-1", model, site, null, "10.8.0.1", 4028,
                null, "careless", callers.clientA().userId(), null, null, 8080));
        hosting.credentials.setForMiner(callers.admin(), miner.id(), new NewCredentials("root", PASSWORD));
    }

    /** What the work printed to the console and logged (slf4j-simple writes to System.err). */
    private static String captured(Work work) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = System.err;
        PrintStream out = System.out;
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try {
            work.run();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    interface Work {
        void run() throws Exception;
    }

    @Test
    void aFailingDriverCallLeaksThePasswordNowhere() throws Exception {
        List<String> shown = new ArrayList<>();
        String logged = captured(() -> {
            shown.add(assertThrows(ProblemException.class, () -> hosting.live.read(callers.owner(), miner.id()))
                    .getMessage());
            shown.add(assertThrows(ProblemException.class,
                    () -> hosting.actions.act(callers.admin(), miner.id(), "stop", null)).getMessage());
            ActionRequest asked = hosting.requests.request(callers.clientA(), miner.id(), "set_mode", "low_power");
            ActionRequest failed = hosting.requests.approve(callers.admin(), asked.id(), null);
            assertEquals("failed", failed.status());
            shown.add(failed.result());
        });
        assertEquals(PASSWORD, careless.lastAccess.credentials().orElseThrow().password(), "the driver had it");
        assertTrue(logged.contains("ACCESS_DENIED"), "the failures were logged: " + logged);
        assertTrue(logged.contains("root:***"), logged);
        assertFalse(logged.contains(PASSWORD), logged);
        for (String text : shown) {
            assertTrue(text.contains("ACCESS_DENIED"), text);
            assertFalse(text.contains(PASSWORD), text);
        }
        List<Operation> operations = hosting.log.of(callers.staff(), miner.id(), PageRequest.of(50, null)).items();
        assertTrue(operations.stream().anyMatch(o -> o.details().contains("failed: ACCESS_DENIED")));
        operations.forEach(o -> assertFalse(o.details().contains(PASSWORD), o.details()));
        assertEquals(0, selectLong("select count(*) from outbox_events where payload::text like '%" + PASSWORD + "%'"));
        assertEquals(0, selectLong("select count(*) from miner_action_requests where result like '%" + PASSWORD
                + "%'"));
    }

    @Test
    void noRecordThatHoldsCredentialsShowsThePassword() {
        MinerCredentials credentials = new MinerCredentials("root", PASSWORD);
        MinerAccess access = new MinerAccess(new MinerEndpoint("10.8.0.1", 4028), OptionalInt.of(8080),
                Optional.of(credentials));
        PollTarget target = new PollTarget(1, 2, "active", "careless", access.endpoint(), null, 3, access);
        MinerTargets.Target resolved = hosting.targets.resolve(callers.staff(), miner.id());
        assertEquals(access, resolved.access());
        for (Object holder : List.of(credentials, access, target, resolved, new NewCredentials("root", PASSWORD),
                hosting.credentials.ofMiner(callers.staff(), miner.id()))) {
            assertFalse(holder.toString().contains(PASSWORD), holder.toString());
        }
        assertEquals("denied for root:***", target.scrub("denied for root:" + PASSWORD));
        assertEquals("no password to hide", PollTarget.scrub(MinerAccess.of(access.endpoint()), "no password to hide"));
    }
}
