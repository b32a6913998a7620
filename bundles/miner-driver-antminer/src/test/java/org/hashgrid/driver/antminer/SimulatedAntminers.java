package org.hashgrid.driver.antminer;

import java.io.IOException;
import java.time.Duration;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.antminer.internal.AntminerSettings;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.testkit.simulated.SimulatorContractTest;
import org.hashgrid.tools.simulator.SimulatedMiner;

/** Access to simulated Antminers and a driver wired as in OSGi: the Antminer driver over a CGMiner driver. */
final class SimulatedAntminers implements AutoCloseable {

    /** Test settings: like the defaults, with a short work mode cache so that readings follow commands. */
    static final AntminerSettings SETTINGS = new AntminerSettings(80, Duration.ofSeconds(3), 1024, 256 * 1024,
            Duration.ZERO, Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(5), 2);

    final CgminerDriver cgminer;
    final AntminerDriver driver;

    SimulatedAntminers() throws IOException {
        this(SETTINGS);
    }

    SimulatedAntminers(AntminerSettings settings) throws IOException {
        cgminer = new CgminerDriver(CgminerSettings.DEFAULTS);
        driver = new AntminerDriver(cgminer, settings);
    }

    /** @return the miner's cgminer endpoint with its web port and the account it accepts */
    static MinerAccess access(SimulatedMiner miner) {
        return withoutCredentials(miner).withCredentials(new MinerCredentials(miner.username(), miner.password()));
    }

    static MinerAccess withPassword(SimulatedMiner miner, String password) {
        return withoutCredentials(miner).withCredentials(new MinerCredentials(miner.username(), password));
    }

    static MinerAccess withoutCredentials(SimulatedMiner miner) {
        return MinerAccess.of(SimulatorContractTest.endpoint(miner)).withControlPort(miner.secondAddress().getPort());
    }

    @Override
    public void close() {
        driver.close();
        cgminer.close();
    }
}
