package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
        await(site, 404, 10);
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
