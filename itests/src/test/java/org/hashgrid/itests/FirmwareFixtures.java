package org.hashgrid.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;

/** What {@link FirmwareDriversIT} prepares in the test JVM before the container starts. */
final class FirmwareFixtures {
    /** Kept for the life of the test JVM; the container's drivers talk to it over loopback. */
    private static MinerSimulator simulator;
    private static int apiPort;
    private static int controlPort;

    private FirmwareFixtures() {
    }

    /**
     * One simulated miner per entry, on consecutive loopback addresses from {@code firstAddress},
     * started once however often Pax Exam asks for the configuration.
     *
     * @return the cgminer API's port and the control API's port, the same for every miner
     */
    static synchronized int[] startSimulator(List<FirmwareDriversIT.Fleet> fleet, String firstAddress)
            throws IOException {
        if (simulator != null) {
            return new int[] { apiPort, controlPort };
        }
        apiPort = freePort();
        controlPort = freePort();
        simulator = MinerSimulator.builder().miners(fleet.size())
                .models(fleet.stream().map(miner -> MinerModel.valueOf(miner.model())).toArray(MinerModel[]::new))
                .consecutiveAddresses(InetAddress.getByName(firstAddress), apiPort).secondPort(controlPort).seed(11)
                .start();
        for (int i = 0; i < fleet.size(); i++) {
            FirmwareDriversIT.Fleet miner = fleet.get(i);
            if (miner.password() != null) {
                simulator.miner(i).setCredentials(miner.username(), miner.password());
            }
        }
        return new int[] { apiPort, controlPort };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
