package org.hashgrid.driver.antminer;

import java.io.IOException;
import java.util.Optional;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.testkit.simulated.SimulatorContractTest;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The driver test kit against simulated Antminers: cgminer port for reads, web interface for control. */
class AntminerContractTest {

    /** Miner 0 healthy (password changed from the default), 1 silent, 2 answering garbage on both ports. */
    abstract static class ModelContract extends SimulatorContractTest {
        private SimulatedAntminers antminers;

        ModelContract(MinerModel model) {
            super(model);
        }

        @BeforeAll
        void start() throws IOException {
            simulator().miner(0).setCredentials("root", "kit-pa55word");
            antminers = new SimulatedAntminers();
        }

        @AfterAll
        void stop() {
            antminers.close();
        }

        @Override
        protected MinerDriver driver() {
            return antminers.driver;
        }

        @Override
        protected MinerAccess access(SimulatedMiner miner) {
            return SimulatedAntminers.access(miner);
        }

        @Override
        protected Optional<MinerAccess> wrongPasswordMiner() {
            return Optional.of(SimulatedAntminers.withPassword(simulator().miner(0), "root"));
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
