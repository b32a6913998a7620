package org.hashgrid.driver.braiins.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Braiins OS's Public REST API with its session token [BOS-REST] [ASICRS-bos-rest]: {@code POST
 * /api/v1/auth/login} with the stored credentials → {@code {"token","timeout_s"}}, the raw token in
 * {@code Authorization}, one new login and one retry when a request with a cached token gets 401.
 *
 * <p>One token per miner and credentials, shared by concurrent calls (one login in flight at a
 * time). A login refused for some credentials is remembered: {@linkplain #get reads} do not try
 * those credentials again, so a wrong stored password never turns polling into a stream of failed
 * logins that could lock the miner's web interface; commands, which an operator asks for, try once
 * each. Credentials are kept only as a hash and never logged.
 */
public final class BraiinsRest {

    static final String API = "/api/v1/";

    private record Token(String value, String credentialsKey) {
    }

    private final RestClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<MinerEndpoint, CompletableFuture<Token>> tokens = new ConcurrentHashMap<>();
    private final Map<MinerEndpoint, String> refusedLogins = new ConcurrentHashMap<>();

    public BraiinsRest(RestClient client) {
        this.client = client;
    }

    /** A command: logs in if needed, whatever happened to earlier logins. */
    public CompletableFuture<JsonNode> put(MinerEndpoint control, MinerCredentials credentials, String path,
            String body, Deadline deadline) {
        return call(control, credentials, "PUT", path, body, deadline);
    }

    /**
     * A read: the same, except that credentials this miner refused before are not tried again; then
     * the stage fails with {@link FailureKind#ACCESS_DENIED} without a request.
     */
    public CompletableFuture<JsonNode> get(MinerEndpoint control, MinerCredentials credentials, String path,
            Deadline deadline) {
        if (key(credentials).equals(refusedLogins.get(control))) {
            return CompletableFuture.failedFuture(new DriverException(FailureKind.ACCESS_DENIED,
                    "the miner refused these credentials before; not trying them again for a read"));
        }
        return call(control, credentials, "GET", path, null, deadline);
    }

    private CompletableFuture<JsonNode> call(MinerEndpoint control, MinerCredentials credentials, String method,
            String path, String body, Deadline deadline) {
        String key = key(credentials);
        CompletableFuture<Token> known = tokens.get(control);
        boolean cached = known != null && known.isDone() && !known.isCompletedExceptionally()
                && known.join().credentialsKey().equals(key);
        return token(control, credentials, key, deadline)
                .thenCompose(token -> client.send(control, method, API + path, token.value(), body, deadline)
                        .thenCompose(reply -> {
                            if (reply.status() != 401 || !cached) {
                                return CompletableFuture.completedFuture(reply);
                            }
                            // the cached token expired (idle timeout, reboot): log in once more
                            tokens.remove(control, known);
                            return token(control, credentials, key, deadline).thenCompose(
                                    fresh -> client.send(control, method, API + path, fresh.value(), body, deadline));
                        }))
                .thenApply(reply -> parsed(method + " " + API + path, reply));
    }

    /** The cached token for these credentials, or one login shared by everyone asking meanwhile. */
    private CompletableFuture<Token> token(MinerEndpoint control, MinerCredentials credentials, String key,
            Deadline deadline) {
        CompletableFuture<Token> mine = new CompletableFuture<>();
        CompletableFuture<Token> current = tokens.compute(control, (endpoint, existing) -> existing != null
                && !existing.isCompletedExceptionally()
                && (!existing.isDone() || existing.join().credentialsKey().equals(key)) ? existing : mine);
        if (current != mine) {
            return current
                    .thenCompose(token -> token.credentialsKey().equals(key) ? CompletableFuture.completedFuture(token)
                            : token(control, credentials, key, deadline));
        }
        login(control, credentials, key, deadline).whenComplete((token, failure) -> {
            if (failure != null) {
                tokens.remove(control, mine);
                mine.completeExceptionally(failure);
            } else {
                mine.complete(token);
            }
        });
        return mine;
    }

    private CompletableFuture<Token> login(MinerEndpoint control, MinerCredentials credentials, String key,
            Deadline deadline) {
        ObjectNode body = json.createObjectNode().put("username", credentials.username()).put("password",
                credentials.password());
        return client.send(control, "POST", API + "auth/login", null, body.toString(), deadline).thenApply(reply -> {
            if (reply.status() == 401 || reply.status() == 403) {
                refusedLogins.put(control, key);
                throw new CompletionException(new DriverException(FailureKind.ACCESS_DENIED,
                        "the miner refused the stored credentials of user '" + credentials.username() + "' (HTTP "
                                + reply.status() + ")"));
            }
            JsonNode token = parsed("POST " + API + "auth/login", reply).path("token");
            if (!token.isTextual() || token.asText().isEmpty()) {
                throw new CompletionException(new DriverException(FailureKind.PROTOCOL_ERROR,
                        "the login reply carries no token"));
            }
            refusedLogins.remove(control, key);
            return new Token(token.asText(), key);
        });
    }

    /** @return the JSON of a 2xx reply; anything else is a failure saying what the miner answered */
    private JsonNode parsed(String what, RestClient.Reply reply) {
        if (reply.status() == 401) {
            throw new CompletionException(new DriverException(FailureKind.ACCESS_DENIED,
                    what + ": the miner refused a fresh token (HTTP 401)"));
        }
        if (reply.status() / 100 != 2) {
            FailureKind kind = reply.status() == 404 || reply.status() == 405 ? FailureKind.PROTOCOL_ERROR
                    : reply.status() == 400 ? FailureKind.UNSUPPORTED : FailureKind.PROTOCOL_ERROR;
            throw new CompletionException(new DriverException(kind, what + ": HTTP " + reply.status()
                    + (reply.status() == 404 ? ", so this is not the Braiins OS REST API (BOS 25.07 or later)" : "")
                    + message(reply.body())));
        }
        try {
            JsonNode node = json.readTree(reply.body());
            if (node == null) {
                throw new IOException("empty body");
            }
            return node;
        } catch (IOException e) {
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            throw new CompletionException(DriverException.protocolError(what + ": the reply is not JSON", bytes,
                    bytes.length));
        }
    }

    private String message(String body) {
        try {
            JsonNode message = json.readTree(body).path("message");
            return message.isTextual() ? ": " + message.asText() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A hash standing for the credentials, so that they are compared without being kept. */
    private static String key(MinerCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(credentials.username().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(credentials.password().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
