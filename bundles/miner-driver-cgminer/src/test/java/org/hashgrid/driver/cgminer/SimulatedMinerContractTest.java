package org.hashgrid.driver.cgminer;

import java.io.IOException;
import java.util.OptionalDouble;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.testkit.MinerDriverContractTest;
import org.hashgrid.tools.simulator.Fault;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The driver test kit against simulated miners of each firmware family, over loopback sockets. */
class SimulatedMinerContractTest {

    /** Runs the kit against one model: miner 0 healthy, miner 1 silent, miner 2 answering garbage. */
    abstract static class ModelContract extends MinerDriverContractTest {
        private final MinerModel model;
        private MinerSimulator simulator;
        private CgminerDriver driver;

        ModelContract(MinerModel model) {
            this.model = model;
        }

        @BeforeAll
        void start() throws IOException {
            simulator = MinerSimulator.builder().miners(3).models(model).start();
            simulator.miner(1).setFault(Fault.SILENT);
            simulator.miner(2).setFault(Fault.GARBAGE);
            driver = new CgminerDriver(CgminerSettings.DEFAULTS);
        }

        @AfterAll
        void stop() {
            driver.close();
            simulator.close();
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
            return OptionalDouble.of(model.nominalThs());
        }
    }

    static MinerEndpoint endpoint(SimulatedMiner miner) {
        return new MinerEndpoint(miner.address().getAddress().getHostAddress(), miner.address().getPort());
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
