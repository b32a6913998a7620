package org.hashgrid.tools.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A second-port API spoken over HTTP/1.1, as firmware web servers (lighttpd, nginx) do: a request
 * is framed by its header block and {@code Content-Length}, parsed into method, path, query,
 * headers and body, answered by {@link #handle} and followed by {@code Connection: close}.
 * Requests the server cannot parse get a 400; chunked bodies a 411, as small embedded servers do.
 */
abstract class HttpApi extends SecondApi {

    private static final byte[] HEADER_END = { '\r', '\n', '\r', '\n' };

    /** A parsed request; header names are lower case. */
    record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {

        /** @return the header's value, or {@code null} */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A response; {@code Content-Length} and {@code Connection: close} are added when it is written. */
    record Response(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {

        Response {
            headers = List.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        static Response of(int status, String reason, String contentType, String body) {
            return new Response(status, reason, List.of(Map.entry("Content-Type", contentType)),
                    body.getBytes(StandardCharsets.UTF_8));
        }

        static Response json(String body) {
            return of(200, "OK", "application/json", body);
        }

        static Response text(int status, String reason, String body) {
            return of(status, reason, "text/plain", body);
        }

        /** @return this response with one more header */
        Response with(String name, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(name, value));
            return new Response(status, reason, more, body);
        }

        byte[] toBytes() {
            StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(reason)
                    .append("\r\n");
            for (Map.Entry<String, String> header : headers) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }
    }

    /**
     * Answers one request.
     *
     * @return the response, or {@code null} to close the connection without one
     */
    abstract Response handle(SimulatedMiner miner, Request request);

    @Override
    final int requestLength(byte[] received, int length) {
        int headerEnd = indexOf(received, length, HEADER_END);
        if (headerEnd < 0) {
            return -1;
        }
        int bodyStart = headerEnd + HEADER_END.length;
        String contentLength = headerValue(new String(received, 0, headerEnd, StandardCharsets.ISO_8859_1),
                "content-length");
        long bodyLength;
        try {
            bodyLength = contentLength == null ? 0 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            // the header block alone is the request; handling it answers 400
            return bodyStart;
        }
        if (bodyLength < 0 || bodyStart + bodyLength > MAX_REQUEST_BYTES) {
            return bodyStart;
        }
        return bodyStart + bodyLength <= length ? (int) (bodyStart + bodyLength) : -1;
    }

    @Override
    final byte[] reply(SimulatedMiner miner, byte[] request) {
        Request parsed = parse(request);
        Response response = parsed == null ? Response.text(400, "Bad Request", "400 - Bad Request")
                : parsed.header("transfer-encoding") != null
                        ? Response.text(411, "Length Required", "411 - Length Required")
                : handle(miner, parsed);
        return response == null ? null : response.toBytes();
    }

    /** @return the request, or {@code null} when its request line or headers are malformed */
    static Request parse(byte[] request) {
        int headerEnd = indexOf(request, request.length, HEADER_END);
        if (headerEnd < 0) {
            return null;
        }
        String[] lines = new String(request, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.") || requestLine[0].isEmpty()
                || !requestLine[1].startsWith("/")) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                return null;
            }
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String contentLength = headers.get("content-length");
        int bodyLength;
        try {
            bodyLength = contentLength == null ? 0 : Integer.parseInt(contentLength);
        } catch (NumberFormatException e) {
            return null;
        }
        int bodyStart = headerEnd + HEADER_END.length;
        if (bodyLength < 0 || bodyStart + bodyLength != request.length) {
            return null;
        }
        byte[] body = new byte[bodyLength];
        System.arraycopy(request, bodyStart, body, 0, bodyLength);
        String target = requestLine[1];
        int question = target.indexOf('?');
        return new Request(requestLine[0], question < 0 ? target : target.substring(0, question),
                question < 0 ? "" : target.substring(question + 1), Collections.unmodifiableMap(headers), body);
    }

    private static String headerValue(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1);
            }
        }
        return null;
    }

    private static int indexOf(byte[] bytes, int length, byte[] pattern) {
        outer : for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
