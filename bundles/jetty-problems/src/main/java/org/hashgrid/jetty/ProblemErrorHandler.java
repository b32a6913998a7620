package org.hashgrid.jetty;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The server-wide error handler (set in {@code etc/jetty.xml}): what Jetty answers by itself —
 * a request line, URI or header block it cannot read (400), an over-long URI (414) or header
 * block (431), an error outside every servlet context — goes out as RFC 9457
 * {@code application/problem+json} like every other error of the platform, instead of Jetty's
 * HTML page. Nothing of the request is echoed: such requests are malformed by definition.
 */
public class ProblemErrorHandler extends ErrorHandler {
    static final String PROBLEM_JSON = "application/problem+json";

    /** Parser-level refusals, answered before any handler sees the request. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put("X-Content-Type-Options", "nosniff");
        return ByteBuffer.wrap(problem(status));
    }

    /** Error dispatches that reach the server rather than a context (and every method, not only GET/POST). */
    @Override
    public void doError(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        byte[] body = problem(response.getStatus());
        response.resetBuffer();
        response.setContentType(PROBLEM_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeader.CACHE_CONTROL.asString(), "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        } catch (IllegalStateException writerInUse) {
            response.getWriter().write(new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * The problem document for {@code status}. Built from constants only (Jetty's reason phrases
     * and the details below), so no value needs JSON escaping.
     */
    static byte[] problem(int status) {
        String title = HttpStatus.getMessage(status);
        String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail(status) + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request cannot be read: its request line, URI, path or headers are malformed";
            case 404 -> "No resource exists at this path";
            case 408 -> "The request was not received in time";
            case 413 -> "The request is larger than the server accepts";
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            case 501 -> "This method is not supported";
            case 505 -> "This HTTP version is not supported";
            default -> status >= 500 ? "The server failed to answer this request; retry later"
                    : "The request was refused: " + HttpStatus.getMessage(status);
        };
    }
}
