package org.hashgrid.driver.antminer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.MinerCommand;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.Test;

/**
 * A curtailment's worth of commands: a thousand simulated Antminers stopped at once, first cold
 * (no nonce, no model known: four exchanges each), then warm (two exchanges each).
 */
class FleetStopTest {

    private static final int MINERS = 1000;

    @Test
    void aThousandMinersAreStoppedConcurrentlyWithinSeconds() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().miners(MINERS)
                .models(MinerModel.ANTMINER_S19_PRO, MinerModel.ANTMINER_S19J_PRO, MinerModel.ANTMINER_S21).start();
                SimulatedAntminers antminers = new SimulatedAntminers()) {
            long cold = all(simulator, antminers, MinerCommand.stop());
            assertEquals(MINERS, simulator.miners().stream().filter(SimulatedMiner::isAsleep).count());
            all(simulator, antminers, MinerCommand.start());
            assertEquals(0, simulator.miners().stream().filter(SimulatedMiner::isAsleep).count());
            long warm = all(simulator, antminers, MinerCommand.stop());
            assertEquals(MINERS, simulator.miners().stream().filter(SimulatedMiner::isAsleep).count());
            System.out.printf("FleetStopTest: %d Antminers stopped through the web CGI with Digest: cold %d ms, "
                    + "warm %d ms (common pool parallelism %d)%n", MINERS, cold, warm,
                    ForkJoinPool.getCommonPoolParallelism());
            assertTrue(cold < 10_000 && warm < 10_000, "cold " + cold + " ms, warm " + warm + " ms");
        }
    }

    /** @return milliseconds until every miner acknowledged the command */
    private static long all(MinerSimulator simulator, SimulatedAntminers antminers, MinerCommand command) {
        long start = System.nanoTime();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (SimulatedMiner miner : simulator.miners()) {
            calls.add(antminers.driver.execute(SimulatedAntminers.access(miner), command, Duration.ofSeconds(20))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
