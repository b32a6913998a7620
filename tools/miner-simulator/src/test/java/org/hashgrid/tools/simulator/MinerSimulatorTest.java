package org.hashgrid.tools.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class MinerSimulatorTest {

    private static String ask(SimulatedMiner miner, String command, String parameter) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(miner.address(), 2000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(("{\"command\":\"" + command + "\",\"parameter\":\"" + parameter + "\"}")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void answersWithJsonEndingInOneNul() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().models(MinerModel.CGMINER_ASIC).start()) {
            String reply = ask(simulator.miner(0), "summary", "");
            assertTrue(reply.startsWith("{\"STATUS\":[{\"STATUS\":\"S\""), reply);
            assertTrue(reply.endsWith("}\u0000") && reply.indexOf('\u0000') == reply.length() - 1, reply);
            assertTrue(reply.contains("\"MHS 5s\":"), reply);
        }
    }

    @Test
    void joinsAnswerEachCommandInItsOwnSection() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().models(MinerModel.CGMINER_ASIC).start()) {
            String reply = ask(simulator.miner(0), "summary+devs++summary+nonsense+ascdisable", "");
            assertTrue(reply.startsWith("{\"summary\":[{\"STATUS\""), reply);
            assertEquals(1, reply.split("\"summary\":").length - 1, "a repeated command is answered once");
            assertTrue(reply.contains("\"nonsense\":[{\"STATUS\":[{\"STATUS\":\"E\",\"When\":"), reply);
            assertTrue(reply.contains("Access denied to 'ascdisable' command"), reply);
        }
    }

    @Test
    void modernAntminerRefusesJoins() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().models(MinerModel.ANTMINER_S19_PRO).start()) {
            assertTrue(
                    ask(simulator.miner(0), "summary+stats", "").contains("\"Code\":14,\"Msg\":\"Invalid command\""));
        }
    }

    @Test
    void stopsAndStartsAsTheFirmwareWould() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().models(MinerModel.CGMINER_ASIC).start()) {
            SimulatedMiner miner = simulator.miner(0);
            for (int asc = 0; asc < MinerModel.CGMINER_ASIC.boards(); asc++) {
                assertTrue(ask(miner, "ascdisable", Integer.toString(asc)).contains("set disable flag"));
            }
            assertFalse(miner.isMining());
            assertTrue(ask(miner, "summary", "").contains("\"MHS 5s\":0.00"));
            miner.setPrivilegedAccess(false);
            assertTrue(ask(miner, "ascenable", "0").contains("\"Code\":45"));
            miner.setPrivilegedAccess(true);
            assertTrue(ask(miner, "ascenable", "0").contains("sent enable message"));
            assertTrue(miner.isMining());
            assertEquals("{\"STATUS\":\"BYE\",\"id\":1}\u0000", ask(miner, "quit", ""));
            assertThrows(IOException.class, () -> ask(miner, "summary", ""), "quit ends the API");
            assertEquals(Fault.REFUSE, miner.fault());
        }
    }

    @Test
    void refuseClosesTheListenerAndHealingReopensIt() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().start()) {
            SimulatedMiner miner = simulator.miner(0);
            InetSocketAddress address = miner.address();
            miner.setFault(Fault.REFUSE);
            assertThrows(ConnectException.class, () -> ask(miner, "summary", ""));
            miner.setFault(Fault.NONE);
            assertEquals(address, miner.address());
            assertTrue(ask(miner, "summary", "").contains("SUMMARY"));
        }
    }

    @Test
    void quirksShapeTheJson() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().models(MinerModel.WHATSMINER_M30S).start()) {
            SimulatedMiner miner = simulator.miner(0);
            miner.setQuirks(java.util.EnumSet.of(Quirk.NUMBERS_AS_STRINGS, Quirk.DUPLICATE_KEYS, Quirk.INVALID_ESCAPE,
                    Quirk.MISSING_NUL, Quirk.CONCATENATED_OBJECTS));
            String reply = ask(miner, "summary+devs", "");
            assertTrue(reply.contains("\"Elapsed\":\"0\",\"Elapsed\":\""), reply);
            assertTrue(reply.contains("\"Firmware Version\":\"\\'20200917.22.REL\\'\""), reply);
            assertTrue(reply.contains("}{\"ASC\":"), reply);
            assertFalse(reply.endsWith("\u0000"));
        }
    }

    @Test
    void slowAndDelayedRepliesTakeTheirTime() throws IOException {
        try (MinerSimulator simulator =
                MinerSimulator.builder().models(MinerModel.ANTMINER_S21).replyDelay(Duration.ofMillis(200))
                        .start()) {
            long start = System.nanoTime();
            ask(simulator.miner(0), "version", "");
            assertTrue(System.nanoTime() - start >= 190_000_000L);
        }
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        InetAddress elsewhere = InetAddress.getByAddress(new byte[] { 10, 0, 0, 1 });
        assertThrows(IllegalArgumentException.class, () -> MinerSimulator.builder().listenOn(elsewhere, 0));
        assertThrows(IllegalArgumentException.class,
                () -> MinerSimulator.builder().consecutiveAddresses(elsewhere, 4028));
    }
}
