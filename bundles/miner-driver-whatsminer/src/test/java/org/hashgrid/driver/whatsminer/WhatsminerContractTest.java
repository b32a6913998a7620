package org.hashgrid.driver.whatsminer;

import java.io.IOException;
import java.util.Optional;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.testkit.simulated.SimulatorContractTest;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The driver test kit against a simulated Whatsminer of each API generation, over loopback sockets. */
class WhatsminerContractTest {

    /** Miner 0 healthy with credentials, miner 1 silent, miner 2 answering garbage, on both ports. */
    abstract static class ModelContract extends SimulatorContractTest {
        private final int unusedPort = SimulatedWhatsminers.freePort();
        private CgminerDriver cgminer;
        private WhatsminerDriver driver;

        ModelContract(MinerModel model) {
            super(model);
        }

        @BeforeAll
        void start() throws IOException {
            simulator().miners().forEach(SimulatedWhatsminers::setUp);
            cgminer = SimulatedWhatsminers.cgminer();
            driver = SimulatedWhatsminers.driver(cgminer);
        }

        @AfterAll
        void stop() {
            driver.close();
            cgminer.close();
        }

        @Override
        protected MinerDriver driver() {
            return driver;
        }

        @Override
        protected MinerAccess access(SimulatedMiner miner) {
            return SimulatedWhatsminers.access(miner, unusedPort);
        }

        @Override
        protected Optional<MinerAccess> wrongPasswordMiner() {
            return Optional.of(SimulatedWhatsminers.withPassword(healthyMiner(), "not-the-password"));
        }
    }

    @Nested
    class ApiV2M30S extends ModelContract {
        ApiV2M30S() {
            super(MinerModel.WHATSMINER_M30S);
        }
    }

    @Nested
    class ApiV3M60S extends ModelContract {
        ApiV3M60S() {
            super(MinerModel.WHATSMINER_M60S);
        }
    }
}
