package org.hashgrid.hosting.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.hashgrid.core.IpRange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Ports this JVM listens on are found live; a closed one is forgotten after the refresh. */
class ListeningPortsTest {

    @Test
    void aPortThisProcessOpensIsRefusedAndForgottenOnceClosed() throws Exception {
        Assumptions.assumeTrue(Path.of("/proc/self/net/tcp").toFile().canRead(), "Linux /proc only");
        AtomicLong clock = new AtomicLong();
        ListeningPorts ports = new ListeningPorts(Path.of("/proc/self"), clock::get);
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            assertTrue(ports.contains(port), "listening now: " + port);
            MinerAddressPolicy policy = new MinerAddressPolicy(List.of(IpRange.parse("127.0.0.0/8")), 1024, Set.of());
            assertTrue(policy.portRefusal(port) != null, "the policy refuses it as a miner port");
        }
        assertTrue(ports.contains(port), "read at most once a second");
        clock.addAndGet(2_000_000_000L);
        assertFalse(ports.contains(port), "closed: " + port);
    }

    @Test
    void aPortAnotherProcessListensOnIsNotOurs() throws Exception {
        Assumptions.assumeTrue(Path.of("/proc/self/net/tcp").toFile().canRead(), "Linux /proc only");
        ListeningPorts ports = new ListeningPorts(Path.of("/proc/self"), System::nanoTime);
        // PostgreSQL of the tests listens in this namespace, but in another process
        assertFalse(ports.contains(5432));
    }
}
