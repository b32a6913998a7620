package org.hashgrid.driver.whatsminer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.testkit.simulated.SimulatorContractTest;
import org.hashgrid.driver.whatsminer.internal.WhatsminerSettings;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.SimulatedMiner;

/** Wiring shared by the tests: drivers on loopback and access to simulated Whatsminers. */
final class SimulatedWhatsminers {

    /** API v2 needs the admin password changed from the default before it enables writes. */
    static final MinerCredentials V2_CREDENTIALS = new MinerCredentials("admin", "Wm-v2-secret");
    static final MinerCredentials V3_CREDENTIALS = new MinerCredentials("super", "Wm-v3-secret");

    private SimulatedWhatsminers() {
    }

    /**
     * @return a loopback port nothing listens on, chosen below Linux's ephemeral range (32768 on),
     *         so that no simulated miner bound to an ephemeral port later takes it
     */
    static int freePort() {
        int start = ThreadLocalRandom.current().nextInt(20_000, 32_000);
        for (int port = start; port < 32_700; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                // taken: try the next one
            }
        }
        throw new IllegalStateException("no free loopback port from " + start);
    }

    /** The driver's settings with API v3's default port where nothing listens, so that tests never meet a real 4433. */
    static WhatsminerSettings settings() {
        WhatsminerSettings d = WhatsminerSettings.DEFAULTS;
        return new WhatsminerSettings(freePort(), d.connectTimeout(), d.maxReplyBytes(), d.maxConnections(),
                d.tokenReuse(), d.apiCacheTime());
    }

    static CgminerDriver cgminer() throws IOException {
        return new CgminerDriver(CgminerSettings.DEFAULTS);
    }

    static WhatsminerDriver driver(CgminerDriver cgminer) throws IOException {
        return new WhatsminerDriver(cgminer, cgminer, settings());
    }

    /** Gives the miner the credentials of its API generation. */
    static void setUp(SimulatedMiner miner) {
        MinerCredentials credentials = isV3(miner) ? V3_CREDENTIALS : V2_CREDENTIALS;
        miner.setCredentials(credentials.username(), credentials.password());
    }

    static boolean isV3(SimulatedMiner miner) {
        return miner.model() == MinerModel.WHATSMINER_M60S;
    }

    /**
     * @return the miner with its API v3 port (for an API v2 miner, a port nothing listens on, as
     *         on a real one) and the credentials the miner accepts
     */
    static MinerAccess access(SimulatedMiner miner, int unusedPort) {
        MinerAccess access = MinerAccess.of(SimulatorContractTest.endpoint(miner))
                .withCredentials(new MinerCredentials(miner.username(), miner.password()));
        return access.withControlPort(miner.secondAddress() != null ? miner.secondAddress().getPort() : unusedPort);
    }

    static MinerAccess withPassword(MinerAccess access, String password) {
        return new MinerAccess(access.endpoint(), access.controlPort(), Optional.of(
                new MinerCredentials(access.credentials().orElseThrow().username(), password)));
    }

    static final Duration TIMEOUT = Duration.ofSeconds(5);
}
