package org.hashgrid.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

class DriverExceptionTest {

    @Test
    void excerptEscapesWhatIsNotPrintable() {
        byte[] bytes = { 'o', 'k', 0, '\n', (byte) 0xff, '"', '\\' };
        assertEquals("7 bytes: \"ok\\x00\\n\\xff\\\"\\\\\"", DriverException.excerpt(bytes, bytes.length));
    }

    @Test
    void excerptShowsOnlyTheFirstBytesOfALongReply() {
        byte[] bytes = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        String excerpt = DriverException.excerpt(bytes, 900);
        assertEquals("900 bytes, first 64: \"" + "x".repeat(64) + "\"", excerpt);
    }

    @Test
    void protocolErrorCarriesTheExcerpt() {
        byte[] reply = "HTTP/1.1 400".getBytes(StandardCharsets.US_ASCII);
        DriverException e = DriverException.protocolError("not JSON", reply, reply.length);
        assertEquals(FailureKind.PROTOCOL_ERROR, e.kind());
        assertEquals("12 bytes: \"HTTP/1.1 400\"", e.replyExcerpt().orElseThrow());
        assertEquals("not JSON; reply 12 bytes: \"HTTP/1.1 400\"", e.getMessage());
    }

    @Test
    void unwrapFindsTheDriverExceptionBehindAStage() {
        DriverException cause = new DriverException(FailureKind.TIMEOUT, "no reply within 1 s");
        CompletableFuture<Object> stage = CompletableFuture.failedFuture(cause);
        CompletionException joined =
                org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, stage::join);
        ExecutionException got = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, stage::get);
        assertSame(cause, DriverException.unwrap(joined));
        assertSame(cause, DriverException.unwrap(got));
        assertSame(cause, DriverException.unwrap(cause));
    }

    @Test
    void unwrapReportsAForeignFailureAsDriverFault() {
        IllegalStateException bug = new IllegalStateException("bug");
        DriverException e = DriverException.unwrap(new CompletionException(bug));
        assertEquals(FailureKind.DRIVER_FAULT, e.kind());
        assertSame(bug, e.getCause());
        assertTrue(e.getMessage().contains("bug"));
    }
}
