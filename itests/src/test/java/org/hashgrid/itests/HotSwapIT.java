package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.persistence.EntityManagerFactory;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The hosting bundle is stopped, restarted and updated while the platform runs: its endpoints
 * go away and come back, its data stays, and its neighbours are not touched.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends HashgridTestSupport {
    private static final String HOSTING = "org.hashgrid.hosting";

    @Test
    public void hostingSurvivesStopRestartAndUpdate() throws Exception {
        awaitPlatform();
        Reply created = post("/sites", "{\"name\":\"Swap site\",\"capacity_mw\":3}");
        assertEquals(created.body(), 201, created.status());
        String site = "/sites/" + idOf(created.body());
        Neighbours before = neighbours();

        execute("bundle:stop " + HOSTING);
        assertEquals(Bundle.RESOLVED, bundle(HOSTING).getState());
        await(site, 503, 10);
        Reply degraded = get("/health");
        assertEquals(503, degraded.status());
        assertTrue(degraded.body(), degraded.body().contains("\"org.hashgrid.hosting\":\"RESOLVED\""));
        execute("bundle:start " + HOSTING);
        assertTrue(await(site, 200, 30).body().contains("Swap site"));

        execute("bundle:restart " + HOSTING);
        assertTrue(await(site, 200, 30).body().contains("Swap site"));

        long modified = bundle(HOSTING).getLastModified();
        execute("bundle:update " + HOSTING);
        assertTrue("updated", bundle(HOSTING).getLastModified() > modified);
        assertTrue(await(site, 200, 30).body().contains("Swap site"));
        await("/health", 200, 30);

        assertEquals("neighbours untouched", before, neighbours());
    }

    /**
     * Four clients read {@code GET /sites} while hosting, identity and model are restarted in
     * turn. Every answer is 200 or 503 problem+json with {@code Retry-After} — never a 404 for a
     * path that exists, a 500 or an HTML page — and the log says each module was away at most
     * once a swap, not once a request.
     */
    @Test
    public void modulesRestartedUnderLoadAnswer503() throws Exception {
        awaitPlatform();
        String token = ownerToken();
        Path log = Paths.get(System.getProperty("karaf.log"), "karaf.log");
        long logStart = Files.size(log);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    Reply reply = httpAs(token, "GET", "/sites", null, null);
                    statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
                    boolean retryLater = reply.status() == 503 && reply.header("Retry-After") != null
                            && reply.contentType() != null
                            && reply.contentType().startsWith("application/problem+json");
                    if (reply.status() != 200 && !retryLater && wrong.size() < 20) {
                        wrong.add(reply.status() + " " + reply.contentType() + " " + reply.body());
                    }
                }
                return null;
            });
        }
        try {
            for (String module : new String[] { HOSTING, "org.hashgrid.identity", "org.hashgrid.model" }) {
                Thread.sleep(500);
                execute("bundle:restart " + module);
                await("/sites", 200, 60);
            }
            Thread.sleep(500);
        } finally {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertEquals("answers other than 200 and 503 problem+json with Retry-After; all: " + statuses, List.of(),
                wrong);
        assertTrue("served between the swaps: " + statuses, statuses.get(200).get() > 100);
        String written = Files.readString(log).substring((int) Math.min(logStart, Files.size(log)));
        for (String module : new String[] { HOSTING, "org.hashgrid.identity" }) {
            long lines = written.lines().filter(l -> l.contains(module + " is not serving")).count();
            assertTrue(module + " away logged " + lines + " times", lines <= 3);
        }
        assertEquals("CXF's per-request warnings", 0, written.lines().filter(l -> l.contains("Observer")).count());
        assertEquals("500s in the log", 0, written.lines().filter(l -> l.contains("Unhandled error")).count());
    }

    /** What must not change when hosting is swapped: the other bundles and the persistence unit. */
    private record Neighbours(long apiModified, int apiState, long modelModified, int modelState, Object emfId) {
    }

    private Neighbours neighbours() {
        ServiceReference<EntityManagerFactory> emf = context.getServiceReference(EntityManagerFactory.class);
        return new Neighbours(bundle("org.hashgrid.api").getLastModified(), bundle("org.hashgrid.api").getState(),
                bundle("org.hashgrid.model").getLastModified(), bundle("org.hashgrid.model").getState(),
                emf == null ? null : emf.getProperty("service.id"));
    }
}
