package org.hashgrid.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

class ProblemErrorHandlerTest {
    @Test
    void badMessagesAreProblemJsonWithoutTheRequest() {
        for (int status : new int[] { 400, 414, 431, 413, 418, 500 }) {
            HttpFields fields = new HttpFields();
            ByteBuffer body = new ProblemErrorHandler().badMessageError(status, "<script>reason</script>", fields);
            String json = StandardCharsets.UTF_8.decode(body).toString();
            assertEquals("application/problem+json", fields.get(HttpHeader.CONTENT_TYPE));
            assertEquals("nosniff", fields.get("X-Content-Type-Options"));
            assertTrue(json.startsWith("{\"type\":\"about:blank\",\"title\":\""), json);
            assertTrue(json.contains("\"status\":" + status + ","), json);
            assertTrue(!json.contains("script") && !json.contains("<"), json);
        }
    }

    @Test
    void titlesAreTheReasonPhrases() {
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Request Header Fields Too Large\",\"status\":431,"
                + "\"detail\":\"The request headers are too large\"}",
                new String(ProblemErrorHandler.problem(431), StandardCharsets.UTF_8));
    }
}
