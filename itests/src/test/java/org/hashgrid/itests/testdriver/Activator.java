package org.hashgrid.itests.testdriver;

import java.util.Hashtable;

import org.hashgrid.driver.MinerDriver;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the test-only driver; a bundle activator keeps the test bundle free of DS metadata. */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MinerDriver.DRIVER_ID_PROPERTY, FixedReadingDriver.ID);
        context.registerService(MinerDriver.class, new FixedReadingDriver(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service with the bundle
    }
}
