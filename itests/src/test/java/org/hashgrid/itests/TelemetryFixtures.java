package org.hashgrid.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.hashgrid.tools.simulator.Fault;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.hashgrid.tools.simulator.SimulatedMiner;

/** What {@link TelemetryIT} runs in the test JVM: the container never loads the simulator classes. */
final class TelemetryFixtures {
    /** Kept for the life of the test JVM; the container's poller talks to it over loopback. */
    private static MinerSimulator simulator;

    private TelemetryFixtures() {
    }

    /**
     * {@code count} miners of three firmwares, one per loopback address from {@code first}, on one
     * free port. Miner {@code dying} flaps for the life of the JVM: it answers for 30 s, then goes
     * silent for 25 s, again and again, from its third connection on.
     */
    static synchronized int startSimulator(String first, int count, int dying) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        simulator = MinerSimulator.builder().miners(count)
                .models(MinerModel.ANTMINER_S19_PRO, MinerModel.WHATSMINER_M30S, MinerModel.AVALON_1246)
                .consecutiveAddresses(InetAddress.getByName(first), port).seed(11).start();
        SimulatedMiner miner = simulator.miner(dying);
        Thread killer = new Thread(() -> {
            try {
                while (miner.connections() < 3) {
                    Thread.sleep(200);
                }
                while (true) {
                    miner.setFault(Fault.SILENT);
                    Thread.sleep(25_000);
                    miner.setFault(Fault.NONE);
                    Thread.sleep(30_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dying-miner");
        killer.setDaemon(true);
        killer.start();
        return port;
    }
}
