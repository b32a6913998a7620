package org.hashgrid.driver.cgminer;

import java.io.IOException;

import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.testkit.simulated.SimulatorContractTest;
import org.hashgrid.tools.simulator.MinerModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The driver test kit against simulated miners of each firmware family, over loopback sockets. */
class SimulatedMinerContractTest {

    /** Runs the kit against one model: miner 0 healthy, miner 1 silent, miner 2 answering garbage. */
    abstract static class ModelContract extends SimulatorContractTest {
        private CgminerDriver driver;

        ModelContract(MinerModel model) {
            super(model);
        }

        @BeforeAll
        void start() throws IOException {
            driver = new CgminerDriver(CgminerSettings.DEFAULTS);
        }

        @AfterAll
        void stop() {
            driver.close();
        }

        @Override
        protected MinerDriver driver() {
            return driver;
        }
    }

    @Nested
    class StockCgminer extends ModelContract {
        StockCgminer() {
            super(MinerModel.CGMINER_ASIC);
        }
    }

    @Nested
    class Avalon extends ModelContract {
        Avalon() {
            super(MinerModel.AVALON_1246);
        }
    }

    @Nested
    class AntminerS19Pro extends ModelContract {
        AntminerS19Pro() {
            super(MinerModel.ANTMINER_S19_PRO);
        }
    }

    @Nested
    class WhatsminerM30S extends ModelContract {
        WhatsminerM30S() {
            super(MinerModel.WHATSMINER_M30S);
        }
    }
}
