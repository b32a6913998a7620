package org.hashgrid.driver.whatsminer;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.testkit.MinerDriverContractTest;
import org.hashgrid.tools.simulator.Fault;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The driver test kit against a simulated Whatsminer of each API generation, over loopback sockets. */
class WhatsminerContractTest {

    /** Miner 0 healthy with credentials, miner 1 silent, miner 2 answering garbage, on both ports. */
    abstract static class ModelContract extends MinerDriverContractTest {
        private final MinerModel model;
        private final int unusedPort = SimulatedWhatsminers.freePort();
        private MinerSimulator simulator;
        private CgminerDriver cgminer;
        private WhatsminerDriver driver;

        ModelContract(MinerModel model) {
            this.model = model;
        }

        @BeforeAll
        void start() throws IOException {
            simulator = MinerSimulator.builder().miners(3).models(model).start();
            simulator.miners().forEach(SimulatedWhatsminers::setUp);
            simulator.miner(1).setFault(Fault.SILENT);
            simulator.miner(2).setFault(Fault.GARBAGE);
            cgminer = SimulatedWhatsminers.cgminer();
            driver = SimulatedWhatsminers.driver(cgminer);
        }

        @AfterAll
        void stop() {
            driver.close();
            cgminer.close();
            simulator.close();
        }

        @Override
        protected MinerDriver driver() {
            return driver;
        }

        @Override
        protected MinerAccess healthyMiner() {
            return SimulatedWhatsminers.access(simulator.miner(0), unusedPort);
        }

        @Override
        protected MinerAccess silentMiner() {
            return SimulatedWhatsminers.access(simulator.miner(1), unusedPort);
        }

        @Override
        protected MinerAccess garbageMiner() {
            return SimulatedWhatsminers.access(simulator.miner(2), unusedPort);
        }

        @Override
        protected Optional<MinerAccess> wrongPasswordMiner() {
            return Optional.of(SimulatedWhatsminers.withPassword(healthyMiner(), "not-the-password"));
        }

        @Override
        protected OptionalDouble expectedHashrateThs() {
            return OptionalDouble.of(model.nominalThs());
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
