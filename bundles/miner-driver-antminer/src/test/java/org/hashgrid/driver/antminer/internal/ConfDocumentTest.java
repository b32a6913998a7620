package org.hashgrid.driver.antminer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ConfDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void writesTheBrowserShapeFromWhatWasRead() throws Exception {
        JsonNode conf = json("{\"pools\":[{\"url\":\"stratum+tcp://p:3333\",\"user\":\"a.w\",\"pass\":\"x\"}],"
                + "\"bitmain-fan-ctrl\":\"true\",\"bitmain-fan-pwm\":\"80\",\"bitmain-work-mode\":\"0\","
                + "\"bitmain-hashrate-percent\":\"100\",\"bitmain-freq-level\":95,\"api-allow\":\"W:0/0\"}");
        assertEquals("{\"bitmain-fan-ctrl\":true,\"bitmain-fan-pwm\":\"80\",\"bitmain-hashrate-percent\":\"100\","
                + "\"miner-mode\":1,\"freq-level\":\"95\",\"pools\":[{\"url\":\"stratum+tcp://p:3333\",\"user\":\"a.w\","
                + "\"pass\":\"x\"},{\"url\":\"\",\"user\":\"\",\"pass\":\"\"},{\"url\":\"\",\"user\":\"\",\"pass\":\"\"}]}",
                ConfDocument.withMode(conf, WorkMode.SLEEP));
    }

    @Test
    void leavesOutWhatTheMinerDidNotReport() throws Exception {
        String body = ConfDocument.withMode(json("{\"pools\":[],\"bitmain-work-mode\":\"1\"}"), WorkMode.NORMAL);
        assertEquals("{\"miner-mode\":0,\"pools\":[{\"url\":\"\",\"user\":\"\",\"pass\":\"\"},"
                + "{\"url\":\"\",\"user\":\"\",\"pass\":\"\"},{\"url\":\"\",\"user\":\"\",\"pass\":\"\"}]}", body);
        assertFalse(body.contains("bitmain-work-mode"), "the CGI ignores it; the driver does not pretend");
    }

    @Test
    void refusesToPostWithoutAPoolList() throws Exception {
        DriverException failure = assertThrows(DriverException.class,
                () -> ConfDocument.withMode(json("{\"bitmain-work-mode\":\"0\"}"), WorkMode.SLEEP));
        assertEquals(FailureKind.PROTOCOL_ERROR, failure.kind());
    }

    @Test
    void readsTheWorkModeAsStringOrNumber() throws Exception {
        assertEquals(Optional.of(WorkMode.SLEEP), ConfDocument.workMode(json("{\"bitmain-work-mode\":\"1\"}")));
        assertEquals(Optional.of(WorkMode.LOW_POWER), ConfDocument.workMode(json("{\"bitmain-work-mode\":3}")));
        assertEquals(Optional.empty(), ConfDocument.workMode(json("{\"bitmain-work-mode\":\"5\"}")), "not confirmed");
        assertEquals(Optional.empty(), ConfDocument.workMode(json("{\"bitmain-work-mode\":\"x\"}")));
        assertFalse(ConfDocument.hasWorkMode(json("{\"bitmain-freq\":\"550\"}")));
    }
}
