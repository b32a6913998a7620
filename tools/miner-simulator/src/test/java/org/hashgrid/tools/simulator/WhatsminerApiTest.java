package org.hashgrid.tools.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Whatsminer APIs on the wire, without a driver. */
class WhatsminerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void apiV2IssuesTokensUpToItsLimitAndRefusesUnknownTokens() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().models(MinerModel.WHATSMINER_M30S).start()) {
            SimulatedMiner miner = simulator.miner(0);
            JsonNode token = plain(miner.address(), "{\"cmd\":\"get_token\"}");
            assertEquals(134, token.path("Code").asInt());
            assertTrue(token.path("Msg").path("salt").asText().matches("[A-Za-z0-9]{8}"), token.toString());
            for (int i = 1; i < 32; i++) {
                plain(miner.address(), "{\"cmd\":\"get_token\"}");
            }
            assertEquals(136, plain(miner.address(), "{\"cmd\":\"get_token\"}").path("Code").asInt());
            assertEquals(33, simulator.whatsminer(miner).tokenRequests());
            JsonNode refused = plain(miner.address(), "{\"enc\":1,\"data\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");
            assertEquals(135, refused.path("Code").asInt(), refused.toString());
            miner.setPrivilegedAccess(false);
            assertEquals(45, plain(miner.address(), "{\"enc\":1,\"data\":\"AAAA\"}").path("Code").asInt());
            JsonNode status = plain(miner.address(), "{\"cmd\":\"status\"}");
            assertEquals("false", status.path("Msg").path("mineroff").asText());
            assertEquals("3344", status.path("Msg").path("power_limit_set").asText());
        }
    }

    @Test
    void apiV3FramesRepliesAndChecksTokens() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().models(MinerModel.WHATSMINER_M60S).start()) {
            SimulatedMiner miner = simulator.miner(0);
            miner.setCredentials("super", "pw");
            InetSocketAddress v3 = miner.secondAddress();
            String salt = framed(v3, "{\"cmd\":\"get.device.info\",\"param\":\"salt\"}").path("msg").path("salt")
                    .asText();
            JsonNode unsigned = framed(v3, "{\"cmd\":\"set.miner.service\",\"param\":\"stop\"}");
            assertEquals(-4, unsigned.path("code").asInt());
            String token = WhatsminerCrypto.v3Token("set.miner.service", "pw", salt, 1_700_000_000L);
            JsonNode stopped = framed(v3, "{\"cmd\":\"set.miner.service\",\"param\":\"stop\",\"ts\":1700000000,"
                    + "\"token\":\"" + token + "\",\"account\":\"super\"}");
            assertEquals(0, stopped.path("code").asInt(), stopped.toString());
            assertTrue(miner.isAsleep());
            assertEquals(-2, framed(v3, "{\"cmd\":\"get.nothing\"}").path("code").asInt());
            JsonNode summary = framed(v3, "{\"cmd\":\"get.miner.status\",\"param\":\"summary\"}");
            assertEquals(0.0, summary.path("msg").path("summary").path("hash-realtime").asDouble());
            assertEquals("false", framed(v3, "{\"cmd\":\"get.device.info\"}").path("msg").path("miner")
                    .path("working").asText());
        }
    }

    @Test
    void apiV2MinersHaveNoSecondPort() throws IOException {
        try (MinerSimulator simulator = MinerSimulator.builder().models(MinerModel.WHATSMINER_M30S).start()) {
            assertNull(simulator.miner(0).secondAddress());
        }
    }

    private static JsonNode plain(InetSocketAddress address, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return JSON.readTree(reply.replace("\u0000", ""));
        }
    }

    private static JsonNode framed(InetSocketAddress address, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2000);
            socket.setSoTimeout(3000);
            byte[] json = request.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(ByteBuffer.allocate(4 + json.length).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(json.length).put(json).array());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = in.readNBytes(4);
            int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return JSON.readTree(in.readNBytes(length));
        }
    }
}
