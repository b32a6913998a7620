package org.hashgrid.hosting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hashgrid.core.Caller;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.ActionRequest;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.NewMiner;
import org.hashgrid.hosting.NewMinerModel;
import org.hashgrid.hosting.NewSite;
import org.hashgrid.hosting.Operation;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients' action requests on a real PostgreSQL: one pending per miner, approval runs the driver
 * exactly once even when staff approve concurrently, rejection and cancellation, client scope;
 * and Idempotency-Key claims under concurrency.
 */
class ActionRequestServiceTest extends DatabaseTest {
    @TempDir
    static Path secrets;
    private static HostingFixture hosting;
    private static TestDriver driver;
    private static long site;
    private static long model;
    private static IdempotencyKeys keys;

    @BeforeAll
    static void start() {
        hosting = new HostingFixture(tx, secrets);
        driver = new TestDriver("counting", Duration.ofMillis(100));
        hosting.install(driver);
        site = hosting.sites.create(new NewSite("Requests", null, BigDecimal.TEN)).id();
        model = hosting.models.create(new NewMinerModel("Requests model", "Bitmain", new BigDecimal("100"),
                new BigDecimal("3000"), null, null, null)).id();
        keys = new IdempotencyKeys(db.dataSource());
    }

    private static Miner miner(String serial, Caller client, String driverId) {
        return hosting.miners.create(callers.staff(), new NewMiner(serial, model, site, null, "10.0.0.9", null, null,
                driverId, client.userId(), null, null));
    }

    @Test
    void aClientsRequestWaitsAndOnlyOneWaitsPerMiner() {
        Miner miner = miner("REQ-1", callers.clientA(), "counting");
        ActionRequest request = hosting.requests.request(callers.clientA(), miner.id(), " Stop ", null);
        assertEquals("pending", request.status());
        assertEquals("stop", request.action());
        assertEquals(callers.clientA().userId(), request.requestedBy());
        assertEquals(0, driver.executed.get(), "nothing ran yet");
        ProblemException second = assertThrows(ProblemException.class,
                () -> hosting.requests.request(callers.clientA(), miner.id(), "restart", null));
        assertEquals(409, second.status());
        assertTrue(second.getMessage().contains("request " + request.id()), second.getMessage());
        Operation logged = hosting.log.of(callers.staff(), miner.id(), PageRequest.of(1, null)).items().get(0);
        assertEquals("shutdown", logged.operation());
        assertTrue(logged.details().contains("awaiting approval (request " + request.id() + ")"));
        assertEquals(callers.clientA().userId(), logged.performedBy());
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        Miner mine = miner("REQ-2", callers.clientA(), "counting");
        Miner orphan = miner("REQ-3", callers.clientA(), "absent");
        assertEquals(400, assertThrows(ProblemException.class,
                () -> hosting.requests.request(callers.clientA(), mine.id(), "reboot", null)).status());
        assertEquals(404, assertThrows(ProblemException.class,
                () -> hosting.requests.request(callers.clientB(), mine.id(), "stop", null)).status(),
                "another's miner");
        assertEquals(503, assertThrows(ProblemException.class,
                () -> hosting.requests.request(callers.clientA(), orphan.id(), "stop", null)).status(), "no driver");
        assertTrue(hosting.requests.list(callers.clientA(), null, mine.id(), PageRequest.of(10, null)).items()
                .isEmpty());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> hosting.requests.list(callers.staff(), "lost", null, PageRequest.of(10, null))).status());
    }

    @Test
    void concurrentApprovalsRunTheActionExactlyOnce() throws Exception {
        Miner miner = miner("REQ-4", callers.clientA(), "counting");
        long id = hosting.requests.request(callers.clientA(), miner.id(), "restart", null).id();
        int before = driver.executed.get();
        int approvers = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(approvers);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < approvers; i++) {
            Caller staff = i % 2 == 0 ? callers.admin() : callers.owner();
            Callable<Object> approve = () -> {
                go.await();
                try {
                    return hosting.requests.approve(staff, id, "ok");
                } catch (ProblemException e) {
                    return e.status();
                }
            };
            outcomes.add(pool.submit(approve));
        }
        go.countDown();
        int approved = 0;
        int conflicts = 0;
        for (Future<Object> outcome : outcomes) {
            Object result = outcome.get();
            if (result instanceof ActionRequest request) {
                assertEquals("executed", request.status());
                approved++;
            } else {
                assertEquals(409, result);
                conflicts++;
            }
        }
        pool.shutdown();
        assertEquals(1, approved);
        assertEquals(approvers - 1, conflicts);
        assertEquals(before + 1, driver.executed.get(), "the driver ran once");
        ActionRequest done = hosting.requests.get(callers.clientA(), id);
        assertEquals("executed", done.status());
        assertTrue(done.result().contains("RESTART done"), done.result());
        List<String> log = hosting.log.of(callers.staff(), miner.id(), PageRequest.of(10, null)).items().stream()
                .map(Operation::operation).toList();
        assertEquals(List.of("restart", "approve", "restart", "create"), log);
    }

    @Test
    void rejectionCancellationAndScope() {
        Miner miner = miner("REQ-5", callers.clientA(), "counting");
        long first = hosting.requests.request(callers.clientA(), miner.id(), "stop", null).id();
        ActionRequest rejected = hosting.requests.reject(callers.admin(), first, "peak hours");
        assertEquals("rejected", rejected.status());
        assertEquals("peak hours", rejected.decisionNote());
        assertEquals(callers.admin().userId(), rejected.decidedBy());
        assertEquals(409, assertThrows(ProblemException.class,
                () -> hosting.requests.approve(callers.admin(), first, null)).status());

        long second = hosting.requests.request(callers.clientA(), miner.id(), "stop", null).id();
        assertEquals(404, assertThrows(ProblemException.class,
                () -> hosting.requests.cancel(callers.clientB(), second)).status(), "another client's request");
        assertEquals(404, assertThrows(ProblemException.class,
                () -> hosting.requests.get(callers.clientB(), second)).status());
        assertEquals("cancelled", hosting.requests.cancel(callers.clientA(), second).status());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> hosting.requests.reject(callers.admin(), second, "x".repeat(501))).status());
        assertTrue(hosting.requests.list(callers.clientB(), null, null, PageRequest.of(50, null)).items().stream()
                .noneMatch(r -> r.minerId() == miner.id()));
        assertEquals(List.of(second, first), hosting.requests.list(callers.clientA(), null, miner.id(),
                PageRequest.of(50, null)).items().stream().map(ActionRequest::id).toList());
    }

    @Test
    void aFailedDriverCallLeavesTheRequestFailedWithTheReason() throws Exception {
        Miner miner = miner("REQ-6", callers.clientA(), "counting");
        long id = hosting.requests.request(callers.clientA(), miner.id(), "start", null).id();
        ActionRequest failed = hosting.requests.approve(callers.owner(), id, null);
        assertEquals("failed", failed.status());
        assertTrue(failed.result().contains("ACCESS_DENIED"), failed.result());
        assertNull(failed.decisionNote());
    }

    @Test
    void anIdempotencyKeyIsClaimedOnceThenAnswersTheSame() throws Exception {
        String caller = callers.admin().userId();
        int claimers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    return keys.claim(caller, "key-1", "POST /miners/1/actions stop");
                } catch (ProblemException e) {
                    return e.status();
                }
            }));
        }
        go.countDown();
        int claimed = 0;
        for (Future<Object> outcome : outcomes) {
            Object result = outcome.get();
            if (Optional.empty().equals(result)) {
                claimed++;
            } else {
                assertEquals(409, result, "still running");
            }
        }
        pool.shutdown();
        assertEquals(1, claimed);
        keys.complete(caller, "key-1", new IdempotencyKeys.Answer(200, null, "{\"id\":7}"));
        assertEquals(Optional.of(new IdempotencyKeys.Answer(200, null, "{\"id\":7}")),
                keys.claim(caller, "key-1", "POST /miners/1/actions stop"));
        assertEquals(422, assertThrows(ProblemException.class,
                () -> keys.claim(caller, "key-1", "POST /miners/2/actions stop")).status());
        assertEquals(Optional.empty(), keys.claim(callers.owner().userId(), "key-1", "POST /miners/1/actions stop"),
                "keys are per caller");
        assertEquals(Optional.empty(), keys.claim(caller, "key-2", "x"));
        keys.release(caller, "key-2");
        assertEquals(Optional.empty(), keys.claim(caller, "key-2", "x"), "a failed request frees its key");
        for (String bad : new String[] { "", "with space", "é", "k".repeat(256) }) {
            assertEquals(400, assertThrows(ProblemException.class, () -> keys.claim(caller, bad, "x")).status());
        }
    }

}
