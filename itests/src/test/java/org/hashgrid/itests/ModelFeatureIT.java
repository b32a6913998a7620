package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.hashgrid.model.persistence.Transactions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The persistence unit without the web: a platform booted with the {@code hashgrid-model}
 * feature alone serves the unit's {@link Transactions} on a migrated database, and not one
 * bundle of CXF, Jetty, Pax Web, Jackson, the Web Console or Hashgrid's HTTP edge came with it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModelFeatureIT extends HashgridTestSupport {
    private static final List<String> WEB_STACK = List.of("cxf", "jetty", "pax.web", "pax-web", "jackson",
            "webconsole", "jaxrs", "jax.rs", "org.hashgrid.api");

    @Override
    @Configuration
    public Option[] config() throws Exception {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot",
                        "(shell,feature,bundle,config,log,package,service,system,hashgrid-model)"));
    }

    @Test
    public void theModelFeatureAloneServesTheUnitWithoutTheWebStack() throws Exception {
        ServiceTracker<Transactions, Transactions> tracker = new ServiceTracker<>(context, Transactions.class, null);
        tracker.open();
        try {
            Transactions tx = tracker.waitForService(60_000);
            assertNotNull("the unit serves once the schema is migrated", tx);
            long users = tx.call(em -> em.createQuery("select count(u) from User u", Long.class).getSingleResult());
            assertEquals(0, users);
        } finally {
            tracker.close();
        }
        List<String> web = Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName)
                .filter(name -> WEB_STACK.stream().anyMatch(name.toLowerCase(Locale.ROOT)::contains)).toList();
        assertEquals("web bundles installed with hashgrid-model", List.of(), web);
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.hashgrid.")) {
                assertEquals(bundle.getSymbolicName(), Bundle.ACTIVE, bundle.getState());
            }
        }
        assertTrue(Arrays.stream(context.getBundles()).anyMatch(b -> b.getSymbolicName().equals("org.hashgrid.core")));
    }
}
