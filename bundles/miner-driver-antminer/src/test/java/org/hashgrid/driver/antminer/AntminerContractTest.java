package org.hashgrid.driver.antminer;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.testkit.MinerDriverContractTest;
import org.hashgrid.tools.simulator.Fault;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The driver test kit against simulated Antminers: cgminer port for reads, web interface for control. */
class AntminerContractTest {

    /** Miner 0 healthy (password changed from the default), 1 silent, 2 answering garbage on both ports. */
    abstract static class ModelContract extends MinerDriverContractTest {
        private final MinerModel model;
        private MinerSimulator simulator;
        private SimulatedAntminers antminers;

        ModelContract(MinerModel model) {
            this.model = model;
        }

        @BeforeAll
        void start() throws IOException {
            simulator = MinerSimulator.builder().miners(3).models(model).start();
            simulator.miner(0).setCredentials("root", "kit-pa55word");
            simulator.miner(1).setFault(Fault.SILENT);
            simulator.miner(2).setFault(Fault.GARBAGE);
            antminers = new SimulatedAntminers();
        }

        @AfterAll
        void stop() {
            antminers.close();
            simulator.close();
        }

        @Override
        protected MinerDriver driver() {
            return antminers.driver;
        }

        @Override
        protected MinerAccess healthyMiner() {
            return SimulatedAntminers.access(simulator.miner(0));
        }

        @Override
        protected MinerAccess silentMiner() {
            return SimulatedAntminers.access(simulator.miner(1));
        }

        @Override
        protected MinerAccess garbageMiner() {
            return SimulatedAntminers.access(simulator.miner(2));
        }

        @Override
        protected Optional<MinerAccess> wrongPasswordMiner() {
            return Optional.of(SimulatedAntminers.withPassword(simulator.miner(0), "root"));
        }

        @Override
        protected OptionalDouble expectedHashrateThs() {
            return OptionalDouble.of(model.nominalThs());
        }
    }

    @Nested
    class AntminerS19Pro extends ModelContract {
        AntminerS19Pro() {
            super(MinerModel.ANTMINER_S19_PRO);
        }
    }

    @Nested
    class AntminerS21 extends ModelContract {
        AntminerS21() {
            super(MinerModel.ANTMINER_S21);
        }
    }

    @Nested
    class AntminerS9 extends ModelContract {
        AntminerS9() {
            super(MinerModel.ANTMINER_S9);
        }
    }
}
