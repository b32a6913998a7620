package org.hashgrid.driver.luxos;

import java.io.IOException;

import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.testkit.simulated.SimulatorContractTest;
import org.hashgrid.tools.simulator.MinerModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The driver test kit against simulated LuxOS miners: healthy, silent, answering garbage. */
class LuxosDriverContractTest extends SimulatorContractTest {

    private CgminerDriver cgminer;
    private LuxosDriver driver;

    LuxosDriverContractTest() {
        super(MinerModel.ANTMINER_S19_LUXOS);
    }

    @BeforeAll
    void start() throws IOException {
        cgminer = new CgminerDriver(CgminerSettings.DEFAULTS);
        driver = new LuxosDriver(cgminer, cgminer, false);
    }

    @AfterAll
    void stop() {
        cgminer.close();
    }

    @Override
    protected MinerDriver driver() {
        return driver;
    }
}
