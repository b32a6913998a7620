package org.hashgrid.driver.luxos;

import java.io.IOException;
import java.util.OptionalDouble;

import org.hashgrid.driver.MinerAccess;
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

/** The driver test kit against simulated LuxOS miners: healthy, silent, answering garbage. */
class LuxosDriverContractTest extends MinerDriverContractTest {

    private MinerSimulator simulator;
    private CgminerDriver cgminer;
    private LuxosDriver driver;

    @BeforeAll
    void start() throws IOException {
        simulator = MinerSimulator.builder().miners(3).models(MinerModel.ANTMINER_S19_LUXOS).start();
        simulator.miner(1).setFault(Fault.SILENT);
        simulator.miner(2).setFault(Fault.GARBAGE);
        cgminer = new CgminerDriver(CgminerSettings.DEFAULTS);
        driver = new LuxosDriver(cgminer, cgminer, false);
    }

    @AfterAll
    void stop() {
        cgminer.close();
        simulator.close();
    }

    static MinerEndpoint endpoint(SimulatedMiner miner) {
        return new MinerEndpoint(miner.address().getAddress().getHostAddress(), miner.address().getPort());
    }

    @Override
    protected MinerDriver driver() {
        return driver;
    }

    @Override
    protected MinerAccess healthyMiner() {
        return MinerAccess.of(endpoint(simulator.miner(0)));
    }

    @Override
    protected MinerAccess silentMiner() {
        return MinerAccess.of(endpoint(simulator.miner(1)));
    }

    @Override
    protected MinerAccess garbageMiner() {
        return MinerAccess.of(endpoint(simulator.miner(2)));
    }

    @Override
    protected OptionalDouble expectedHashrateThs() {
        return OptionalDouble.of(MinerModel.ANTMINER_S19_LUXOS.nominalThs());
    }
}
