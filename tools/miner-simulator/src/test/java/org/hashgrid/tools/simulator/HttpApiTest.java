package org.hashgrid.tools.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HttpApiTest {

    /** Echoes what it parsed; "/close" closes without a reply. */
    private static final class EchoApi extends HttpApi {
        final List<Request> seen = new ArrayList<>();

        @Override
        Response handle(SimulatedMiner miner, Request request) {
            seen.add(request);
            if (request.path().equals("/close")) {
                return null;
            }
            return Response.json("{\"method\":\"" + request.method() + "\",\"body\":" + request.body().length + "}")
                    .with("X-Path", request.path());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void framesARequestByItsHeadersAndContentLength() {
        EchoApi api = new EchoApi();
        byte[] request = bytes("POST /cgi-bin/x.cgi?a=1 HTTP/1.1\r\nHost: m\r\nContent-Length: 5\r\n\r\nhello");
        for (int partial = 0; partial < request.length; partial++) {
            assertEquals(-1, api.requestLength(request, partial), "incomplete after " + partial + " bytes");
        }
        assertEquals(request.length, api.requestLength(request, request.length));
        byte[] withNext = bytes("GET / HTTP/1.1\r\n\r\nGET /next HTTP/1.1\r\n\r\n");
        assertEquals(18, api.requestLength(withNext, withNext.length),
                "a request without body ends at its header block");
    }

    @Test
    void parsesMethodPathQueryHeadersAndBody() {
        EchoApi api = new EchoApi();
        String reply = new String(api.reply(null, bytes(
                "POST /cgi-bin/x.cgi?a=1 HTTP/1.1\r\nHost: m\r\nX-Requested-With: XMLHttpRequest\r\nContent-Length: 5\r\n\r\nhello")),
                StandardCharsets.ISO_8859_1);
        HttpApi.Request seen = api.seen.get(0);
        assertEquals("POST", seen.method());
        assertEquals("/cgi-bin/x.cgi", seen.path());
        assertEquals("a=1", seen.query());
        assertEquals("XMLHttpRequest", seen.header("x-requested-with"));
        assertEquals("XMLHttpRequest", seen.header("X-Requested-With"));
        assertEquals("hello", seen.bodyText());
        assertTrue(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply);
        assertTrue(reply.contains("\r\nX-Path: /cgi-bin/x.cgi\r\n"), reply);
        assertTrue(
                reply.contains("\r\nContent-Length: 26\r\nConnection: close\r\n\r\n{\"method\":\"POST\",\"body\":5}"),
                reply);
    }

    @Test
    void malformedRequestsGetA400AndChunkedBodiesA411() {
        EchoApi api = new EchoApi();
        for (String bad : List.of("NONSENSE\r\n\r\n", "GET nothing HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1\r\nno colon\r\n\r\n",
                "GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n")) {
            byte[] request = bytes(bad);
            assertEquals(request.length, api.requestLength(request, request.length), bad);
            String reply = new String(api.reply(null, request), StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 400 Bad Request\r\n"), bad + " -> " + reply);
        }
        byte[] chunked = bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertTrue(new String(api.reply(null, chunked), StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 411 "));
        assertTrue(api.seen.isEmpty(), "nothing malformed reaches the handler");
    }

    @Test
    void aNullResponseClosesWithoutAReply() {
        assertNull(new EchoApi().reply(null, bytes("GET /close HTTP/1.1\r\n\r\n")));
    }
}
