package org.hashgrid.hosting.internal;

import java.nio.file.Path;
import java.util.Map;

import org.hashgrid.core.secrets.SecretBox;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.model.persistence.Transactions;
import org.hashgrid.secrets.internal.AesGcmSecretBox;
import org.hashgrid.testing.Configs;

/** The hosting services on a test's database, for tests outside this package (the console commands). */
public final class HostingFixture {
    public final SiteService sites;
    public final MinerModelService models;
    public final MinerService miners;
    public final OperationLog log;
    public final MinerActionService actions;
    public final ActionRequestService requests;
    public final CredentialService credentials;
    public final LiveReadService live;
    public final MinerTargets targets;
    public final SecretBox box;
    private final DriverRegistry drivers = new DriverRegistry();

    /** The services with a secrets box on a fresh key file in {@code secrets} (a folder). */
    public HostingFixture(Transactions tx, Path secrets) {
        sites = new SiteService(tx, HostingServicesTest.NO_HOLDS);
        models = new MinerModelService(tx);
        miners = new MinerService(tx, HostingServicesTest.POLICY, HostingServicesTest.accounts(tx),
                HostingServicesTest.NO_HOLDS);
        log = new OperationLog(tx, miners);
        box = box(secrets);
        credentials = new CredentialService(tx, drivers, box);
        targets = new MinerTargets(miners, drivers, HostingServicesTest.POLICY, credentials);
        LiveReadService.Config timeout = Configs.of(LiveReadService.Config.class, Map.of("timeout_ms", 2_000));
        actions = new MinerActionService(timeout, targets, log);
        live = new LiveReadService(timeout, targets);
        requests = new ActionRequestService(tx, targets, actions);
    }

    /** The platform's secrets box on a key file in {@code folder}, created on first use. */
    public static SecretBox box(Path folder) {
        return new AesGcmSecretBox(Configs.of(AesGcmSecretBox.Config.class,
                Map.of("key_file", folder.resolve("hashgrid-secrets.key").toString())));
    }

    public DriverRegistry drivers() {
        return drivers;
    }

    /** Installs {@code driver} under its id, as DS does when a driver bundle starts. */
    public void install(MinerDriver driver) {
        drivers.addDriver(driver, Map.of(MinerDriver.DRIVER_ID_PROPERTY, driver.id()));
    }
}
