package org.hashgrid.driver.braiins.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerEndpoint;

/**
 * HTTP/1.1 requests to Braiins OS's REST API with {@code java.net.http}: asynchronous, each bounded
 * by the time left to its call, transport failures turned into {@link DriverException}s.
 */
public final class RestClient {

    /** What a request got back: the status and the body as text. */
    public record Reply(int status, String body) {
    }

    private final HttpClient http;

    public RestClient(Duration connectTimeout, Executor executor) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(executor).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param token the session token for the {@code Authorization} header, or {@code null}
     * @param body  a JSON body, or {@code null} for none
     */
    public CompletableFuture<Reply> send(MinerEndpoint control, String method, String path, String token, String body,
            Deadline deadline) {
        Duration left = deadline.remaining();
        if (left.isNegative() || left.isZero()) {
            return CompletableFuture.failedFuture(new DriverException(FailureKind.TIMEOUT, "no time left for " + path));
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri(control, path)).timeout(left).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new DriverException(FailureKind.UNREACHABLE, "not an address for HTTP: " + control));
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            // Braiins OS takes the raw token, without "Bearer" [BOS-REST] [ASICRS-bos-rest]
            request.header("Authorization", token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(transportFailure(method + " " + path, failure));
                    }
                    return new Reply(response.statusCode(), response.body());
                });
    }

    private static URI uri(MinerEndpoint control, String path) {
        String host = control.host().indexOf(':') >= 0 ? "[" + control.host() + "]" : control.host();
        return URI.create("http://" + host + ":" + control.port() + path);
    }

    private static DriverException transportFailure(String what, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return new DriverException(FailureKind.UNREACHABLE, what + ": no connection in time", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new DriverException(FailureKind.TIMEOUT, what + ": no answer in time", cause);
        }
        if (cause instanceof ConnectException) {
            return new DriverException(FailureKind.UNREACHABLE, what + ": connection refused", cause);
        }
        if (cause instanceof IOException) {
            // a reply that is not HTTP ends up here too, as does a connection closed without a reply
            String message = String.valueOf(cause.getMessage());
            return message.contains("header") || message.contains("status line") || message.contains("parser")
                    ? new DriverException(FailureKind.PROTOCOL_ERROR, what + ": the reply is not HTTP: " + message,
                            cause)
                    : new DriverException(FailureKind.UNREACHABLE, what + ": " + message, cause);
        }
        return DriverException.unwrap(cause);
    }
}
