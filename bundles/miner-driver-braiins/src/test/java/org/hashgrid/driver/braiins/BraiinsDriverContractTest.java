package org.hashgrid.driver.braiins;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.testkit.MinerDriverContractTest;
import org.hashgrid.tools.simulator.Fault;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The driver test kit against simulated Braiins OS miners: healthy, silent, garbage, wrong password. */
class BraiinsDriverContractTest extends MinerDriverContractTest {

    private MinerSimulator simulator;
    private CgminerDriver cgminer;
    private BraiinsDriver driver;

    @BeforeAll
    void start() throws IOException {
        simulator = MinerSimulator.builder().miners(3).models(MinerModel.ANTMINER_S19_BRAIINS).start();
        simulator.miner(1).setFault(Fault.SILENT);
        simulator.miner(2).setFault(Fault.GARBAGE);
        cgminer = new CgminerDriver(CgminerSettings.DEFAULTS);
        driver = new BraiinsDriver(cgminer, Duration.ofSeconds(3));
    }

    @AfterAll
    void stop() {
        driver.close();
        cgminer.close();
        simulator.close();
    }

    /** The miner's cgminer endpoint, its REST port and its stored credentials. */
    static MinerAccess access(SimulatedMiner miner, String password) {
        return MinerAccess
                .of(new MinerEndpoint(miner.address().getAddress().getHostAddress(), miner.address().getPort()))
                .withControlPort(miner.secondAddress().getPort())
                .withCredentials(new MinerCredentials("root", password));
    }

    @Override
    protected MinerDriver driver() {
        return driver;
    }

    @Override
    protected MinerAccess healthyMiner() {
        return access(simulator.miner(0), "root");
    }

    @Override
    protected MinerAccess silentMiner() {
        return access(simulator.miner(1), "root");
    }

    @Override
    protected MinerAccess garbageMiner() {
        return access(simulator.miner(2), "root");
    }

    @Override
    protected Optional<MinerAccess> wrongPasswordMiner() {
        return Optional.of(access(simulator.miner(0), "not-the-password"));
    }

    @Override
    protected OptionalDouble expectedHashrateThs() {
        return OptionalDouble.of(MinerModel.ANTMINER_S19_BRAIINS.nominalThs());
    }
}
