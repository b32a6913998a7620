package org.hashgrid.driver.braiins;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.testkit.simulated.SimulatorContractTest;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The driver test kit against simulated Braiins OS miners: healthy, silent, garbage, wrong password. */
class BraiinsDriverContractTest extends SimulatorContractTest {

    private CgminerDriver cgminer;
    private BraiinsDriver driver;

    BraiinsDriverContractTest() {
        super(MinerModel.ANTMINER_S19_BRAIINS);
    }

    @BeforeAll
    void start() throws IOException {
        cgminer = new CgminerDriver(CgminerSettings.DEFAULTS);
        driver = new BraiinsDriver(cgminer, Duration.ofSeconds(3));
    }

    @AfterAll
    void stop() {
        driver.close();
        cgminer.close();
    }

    /** The miner's cgminer endpoint, its REST port and its stored credentials. */
    static MinerAccess access(SimulatedMiner miner, String password) {
        return MinerAccess.of(endpoint(miner)).withControlPort(miner.secondAddress().getPort())
                .withCredentials(new MinerCredentials("root", password));
    }

    @Override
    protected MinerAccess access(SimulatedMiner miner) {
        return access(miner, "root");
    }

    @Override
    protected MinerDriver driver() {
        return driver;
    }

    @Override
    protected Optional<MinerAccess> wrongPasswordMiner() {
        return Optional.of(access(simulator().miner(0), "not-the-password"));
    }
}
