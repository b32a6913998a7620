package org.hashgrid.driver.cgminer.internal;

import static org.hashgrid.driver.cgminer.internal.Fixtures.ascii;
import static org.hashgrid.driver.cgminer.internal.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    private final ReplyParser parser = new ReplyParser();

    private ParsedReply parse(byte[] bytes) throws DriverException {
        return parser.parse(bytes, bytes.length);
    }

    private ParsedReply parse(String text) throws DriverException {
        return parse(ascii(text));
    }

    @Test
    void stripsTrailingNulsAndWhitespace() throws DriverException {
        byte[] reply = Arrays
                .copyOf(ascii("{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":11,\"Msg\":\"Summary\"}],\"id\":1} \n"), 60);
        assertEquals("S", parse(reply).single().status().letter());
    }

    @Test
    void separatesObjectsConcatenatedInsideAnArray() throws DriverException {
        CommandReply stats = parse(bytes("antminer-s9-stats.json")).single();
        List<?> records = stats.records("STATS");
        assertEquals(2, records.size(), "the header is kept, not dropped");
        assertEquals("Antminer S9", stats.records("STATS").get(0).get("Type").asText());
    }

    @Test
    void keepsTheFirstOfConcatenatedTopLevelObjects() throws DriverException {
        CommandReply reply =
                parse("{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":22}],\"VERSION\":[{\"API\":\"3.7\"}],\"id\":1}"
                        + "{\"STATUS\":[{\"STATUS\":\"E\"}]}\"}").single();
        assertEquals("3.7", reply.first("VERSION").get("API").asText());
        assertEquals(22, reply.status().code());
    }

    @Test
    void lastOfDuplicateKeysWins() throws DriverException {
        CommandReply reply = parse(
                "{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":0,\"Code\":11}],\"SUMMARY\":[{\"Elapsed\":0,\"Elapsed\":600}],\"id\":1}")
                .single();
        assertEquals(11, reply.status().code());
        assertEquals(600, reply.first("SUMMARY").get("Elapsed").asInt());
    }

    @Test
    void acceptsInvalidEscapes() throws DriverException {
        CommandReply reply = parse(bytes("whatsminer-m20s-summary.json")).single();
        assertEquals("'20200917.22.REL'", reply.first("SUMMARY").get("Firmware Version").asText());
        assertEquals("x-ray", parse("{\"STATUS\":\"S\",\"Msg\":\"\\x-ray\"}").single().status().message());
    }

    @Test
    void repairsBtminerCommasAndRawNewlines() throws DriverException {
        CommandReply reply = parse(bytes("btminer-broken-summary.json")).single();
        assertEquals(71.0, reply.first("SUMMARY").get("temp0").asDouble());
        assertEquals(3344, reply.first("SUMMARY").get("Power").asInt());
        assertEquals("12", reply.first("SUMMARY").get("Accepted").asText());
    }

    @Test
    void readsBareNanAndInfAsNothing() throws DriverException {
        CommandReply reply = parse(
                "{\"STATUS\":[{\"STATUS\":\"S\"}],\"SUMMARY\":[{\"MHS av\":nan,\"MHS 5s\":-inf,\"Elapsed\":3}],\"id\":1}")
                .single();
        assertTrue(reply.first("SUMMARY").get("MHS av").isNull());
        assertTrue(reply.first("SUMMARY").get("MHS 5s").isNull());
        assertEquals(3, reply.first("SUMMARY").get("Elapsed").asInt());
    }

    @Test
    void repairsALeadingCommaForTheOpeningBrace() throws DriverException {
        CommandReply reply =
                parse(",\"STATUS\":[{\"STATUS\":\"S\",\"Code\":11}],\"SUMMARY\":[,{\"Elapsed\":5}],\"id\":1}").single();
        assertEquals(5, reply.first("SUMMARY").get("Elapsed").asInt());
    }

    @Test
    void readsAJoinAsSectionsByLowerCaseCommand() throws DriverException {
        ParsedReply reply = parse(bytes("avalon-1246-join.json"));
        assertTrue(reply.isJoined());
        assertEquals(List.of("summary", "stats", "pools", "version"), List.copyOf(reply.joined().keySet()));
        assertEquals("AvalonMiner 1246", reply.joined().get("version").first("VERSION").get("PROD").asText());
    }

    @Test
    void collectsNumberedPoolSections() throws DriverException {
        assertEquals(2, parse(bytes("innosilicon-pools.json")).single().records("POOLS").size());
    }

    @Test
    void readsStringStatusesOfRestartAndWhatsminer() throws DriverException {
        Status restart = parse("{\"STATUS\":\"RESTART\",\"id\":1}").single().status();
        assertTrue(restart.ok());
        Status whatsminer = parse(
                "{\"STATUS\":\"E\",\"When\":1600000000,\"Code\":14,\"Msg\":\"invalid cmd\",\"Description\":\"whatsminer v1.1\"}")
                .single().status();
        assertFalse(whatsminer.ok());
        assertTrue(whatsminer.unsupported());
        Status token = parse("{\"STATUS\":\"S\",\"Code\":134,\"Msg\":{\"time\":\"6915\",\"salt\":\"BQ5hoXV9\"}}")
                .single().status();
        assertTrue(token.message().contains("BQ5hoXV9"));
    }

    @Test
    void recognisesAccessDenied() throws DriverException {
        Status status = parse(
                "{\"STATUS\":[{\"STATUS\":\"E\",\"When\":1,\"Code\":45,\"Msg\":\"Access denied to 'restart' command\",\"Description\":\"cgminer 4.11.1\"}],\"id\":1}")
                .single().status();
        assertTrue(status.accessDenied());
        assertEquals(FailureKind.ACCESS_DENIED, ReadingMapper.failure("restart", status).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":11}],\"SUMMARY\":[{\"Elapsed\":12,\"MHS",
        "{\"STATUS\":[{\"STATUS\":\"S\"", "{" })
    void truncatedRepliesAreProtocolErrors(String truncated) {
        DriverException failure = assertThrows(DriverException.class, () -> parse(truncated));
        assertEquals(FailureKind.PROTOCOL_ERROR, failure.kind());
        assertTrue(failure.getMessage().contains("truncated"), failure.getMessage());
        assertTrue(failure.replyExcerpt().orElseThrow().startsWith(truncated.length() + " byte"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "\u0000\u0000", "STATUS=S,When=168,Code=11,Msg=Summary|SUMMARY,Elapsed=155|",
        "Socket connect failed: Connection refused\n", "[1,2]", "{\"id\":1}" })
    void emptyTextAndForeignRepliesAreProtocolErrors(String reply) {
        assertEquals(FailureKind.PROTOCOL_ERROR, assertThrows(DriverException.class, () -> parse(reply)).kind());
    }
}
