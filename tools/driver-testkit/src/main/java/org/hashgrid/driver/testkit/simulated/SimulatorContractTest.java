package org.hashgrid.driver.testkit.simulated;

import java.io.IOException;
import java.util.Objects;
import java.util.OptionalDouble;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.testkit.MinerDriverContractTest;
import org.hashgrid.tools.simulator.Fault;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against three miners of one model in Hashgrid's miner simulator
 * ({@code org.hashgrid:miner-simulator}, which the driver's tests depend on): miner 0 healthy,
 * miner 1 silent, miner 2 answering garbage. The simulator starts before the subclass's
 * {@code @BeforeAll} methods, which create the driver and may prepare the miners (e.g. set their
 * credentials), and stops after its {@code @AfterAll} methods.
 */
public abstract class SimulatorContractTest extends MinerDriverContractTest {

    private final MinerModel model;
    private MinerSimulator simulator;

    protected SimulatorContractTest(MinerModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @BeforeAll
    protected final void startSimulator() throws IOException {
        simulator = MinerSimulator.builder().miners(3).models(model).start();
        simulator.miner(1).setFault(Fault.SILENT);
        simulator.miner(2).setFault(Fault.GARBAGE);
    }

    @AfterAll
    protected final void stopSimulator() {
        simulator.close();
    }

    /** @return the running simulator */
    protected final MinerSimulator simulator() {
        return simulator;
    }

    /**
     * @return how the driver reaches a simulated miner: by default its cgminer-compatible endpoint
     *         with default ports and no credentials
     */
    protected MinerAccess access(SimulatedMiner miner) {
        return MinerAccess.of(endpoint(miner));
    }

    @Override
    protected MinerAccess healthyMiner() {
        return access(simulator.miner(0));
    }

    @Override
    protected MinerAccess silentMiner() {
        return access(simulator.miner(1));
    }

    @Override
    protected MinerAccess garbageMiner() {
        return access(simulator.miner(2));
    }

    /** @return the model's nominal hashrate */
    @Override
    protected OptionalDouble expectedHashrateThs() {
        return OptionalDouble.of(model.nominalThs());
    }

    /** @return where a simulated miner's cgminer-compatible API listens */
    public static MinerEndpoint endpoint(SimulatedMiner miner) {
        return new MinerEndpoint(miner.address().getAddress().getHostAddress(), miner.address().getPort());
    }
}
