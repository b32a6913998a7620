package org.hashgrid.hosting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.hashgrid.api.MergePatch;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.NewMiner;
import org.hashgrid.hosting.NewMinerModel;
import org.hashgrid.hosting.NewSite;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Site counters under concurrency: 20 sessions at once create, move, re-status and delete
 * miners of two sites on the real database, and afterwards {@code total_miners} and
 * {@code active_miners} equal what {@code count(*)} says.
 */
class SiteCountersConcurrencyTest extends DatabaseTest {
    private static final int SESSIONS = 20;
    private static final int ROUNDS = 6;
    private static final String[] STATUSES = { "active", "offline", "maintenance", "curtailed" };

    @Test
    void countersEqualCountsAfterConcurrentChanges() throws Exception {
        SiteService sites = new SiteService(tx, HostingServicesTest.NO_HOLDS);
        MinerService miners = new MinerService(tx, HostingServicesTest.POLICY, HostingServicesTest.accounts(tx),
                HostingServicesTest.NO_HOLDS);
        long siteA = sites.create(new NewSite("Concurrent A", null, BigDecimal.TEN)).id();
        long siteB = sites.create(new NewSite("Concurrent B", null, BigDecimal.TEN)).id();
        long model = new MinerModelService(tx).create(new NewMinerModel("Concurrent model", "Bitmain",
                new BigDecimal("100"), new BigDecimal("3000"), null, null, null)).id();
        // a few miners every session fights over, besides the ones each session creates
        List<Long> shared = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            shared.add(miners.create(callers.staff(), newMiner("SHARED-" + i, model, siteA, "active")).id());
        }

        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            Callable<Integer> work = () -> {
                Random random = new Random(session);
                start.await();
                int done = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    Miner own = miners.create(callers.staff(), newMiner("S" + session + "-R" + round, model,
                            random.nextBoolean() ? siteA : siteB, STATUSES[random.nextInt(STATUSES.length)]));
                    long target = random.nextBoolean() ? own.id() : shared.get(random.nextInt(shared.size()));
                    done += attempt(() -> miners.update(callers.staff(), target,
                            patch("site_id", random.nextBoolean() ? siteA : siteB)));
                    done += attempt(() -> miners.update(callers.staff(), target,
                            patch("status", STATUSES[random.nextInt(STATUSES.length)])));
                    done += attempt(() -> miners.changeStatus(callers.system(), target, null,
                            STATUSES[random.nextInt(STATUSES.length)], "concurrency test"));
                    if (random.nextInt(3) == 0) {
                        done += attempt(() -> {
                            miners.delete(callers.staff(), own.id());
                            return null;
                        });
                    }
                }
                return done;
            };
            sessions.add(pool.submit(work));
        }
        start.countDown();
        int changes = 0;
        for (Future<Integer> session : sessions) {
            changes += session.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(changes > SESSIONS * ROUNDS, "the sessions really changed miners: " + changes);

        for (long site : new long[] { siteA, siteB }) {
            assertEquals(count("select count(*) from hosting_miners where site_id = " + site),
                    count("select total_miners from hosting_sites where id = " + site), "total_miners of " + site);
            assertEquals(
                    count("select count(*) from hosting_miners where site_id = " + site + " and status = 'active'"),
                    count("select active_miners from hosting_sites where id = " + site), "active_miners of " + site);
        }
    }

    /** 1 when the change went through; a 404 (another session deleted the miner first) is expected. */
    private static int attempt(Callable<?> change) throws Exception {
        try {
            change.call();
            return 1;
        } catch (ProblemException e) {
            assertEquals(404, e.status(), e.getMessage());
            return 0;
        }
    }

    private static NewMiner newMiner(String serial, long model, long site, String status) {
        return new NewMiner(serial, model, site, status, null, null, null, null, null, null, null);
    }

    private static MergePatch patch(String field, long value) {
        return new MergePatch(JsonNodeFactory.instance.objectNode().put(field, value));
    }

    private static MergePatch patch(String field, String value) {
        return new MergePatch(JsonNodeFactory.instance.objectNode().put(field, value));
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
