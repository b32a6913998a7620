package org.hashgrid.hosting.internal;

import java.util.Map;

import org.hashgrid.driver.MinerDriver;
import org.hashgrid.model.persistence.Transactions;
import org.hashgrid.testing.Configs;

/** The hosting services on a test's database, for tests outside this package (the console commands). */
public final class HostingFixture {
    public final SiteService sites;
    public final MinerModelService models;
    public final MinerService miners;
    public final OperationLog log;
    public final MinerActionService actions;
    public final ActionRequestService requests;
    private final DriverRegistry drivers = new DriverRegistry();

    public HostingFixture(Transactions tx) {
        sites = new SiteService(tx, HostingServicesTest.NO_HOLDS);
        models = new MinerModelService(tx);
        miners = new MinerService(tx, HostingServicesTest.POLICY, HostingServicesTest.accounts(tx),
                HostingServicesTest.NO_HOLDS);
        log = new OperationLog(tx, miners);
        MinerTargets targets = new MinerTargets(miners, drivers, HostingServicesTest.POLICY);
        actions = new MinerActionService(Configs.of(LiveReadService.Config.class, Map.of("timeout_ms", 2_000)),
                targets, log);
        requests = new ActionRequestService(tx, targets, actions);
    }

    /** Installs {@code driver} under its id, as DS does when a driver bundle starts. */
    public void install(MinerDriver driver) {
        drivers.addDriver(driver, Map.of(MinerDriver.DRIVER_ID_PROPERTY, driver.id()));
    }
}
