package org.hashgrid.driver.antminer.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Talks to stock firmware's web interface: CGI scripts under {@code /cgi-bin/} behind HTTP Digest
 * authentication [PYASIC-web-am] [ASICRS-am-web] [FOREMAN-am]. One JDK HTTP client (HTTP/1.1, no
 * proxy, no redirects) on a small executor serves every miner asynchronously; a connection limit
 * bounds what is open at once.
 *
 * <p>Authentication never hammers a miner's login: a request answers the Digest challenge
 * remembered for the miner (or asks for one first), and a 401 is retried once only when the
 * challenge it answered had expired — the server says {@code stale=true}, or these credentials
 * were accepted with it before. Any other 401 is {@link FailureKind#ACCESS_DENIED} at once.
 */
public final class WebClient implements AutoCloseable {

    /** The realm stock firmware protects its CGI with; others name other firmwares. */
    static final String REALM = "antMiner Configuration";

    private static final String CGI = "/cgi-bin/";
    private static final int SWEEP_EVERY = 4096;

    /** A reply: its status, body and Digest challenge header, if any. */
    public record Reply(int status, byte[] body, Optional<String> challenge) {
    }

    /** What {@link #authorizedMayClose} answers when the miner closed the connection without a reply. */
    public static final Reply CLOSED = new Reply(-1, new byte[0], Optional.empty());

    private final AntminerSettings settings;
    private final ExecutorService executor;
    private final HttpClient http;
    private final ConnectionLimit connections;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<MinerEndpoint, MinerState> miners = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();

    public WebClient(AntminerSettings settings) {
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "antminer-web-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(settings.httpThreads(), factory);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(settings.connectTimeout()).executor(executor)
                .build();
        this.connections = new ConnectionLimit(settings.maxConnections());
    }

    /** @return what the driver remembers of the web interface at this endpoint */
    MinerState state(MinerEndpoint web) {
        MinerState state = miners.get(web);
        if (state != null) {
            return state;
        }
        state = miners.computeIfAbsent(web, key -> new MinerState());
        if (created.incrementAndGet() % SWEEP_EVERY == 0) {
            forgetIdle();
        }
        return state;
    }

    /** Sends a request without credentials, e.g. to see whether the server asks for Antminer's realm. */
    public CompletableFuture<Reply> anonymous(MinerEndpoint web, String cgi, long deadline) {
        return send(new Call(web, null, "GET", cgi, null, false, deadline), null);
    }

    /**
     * Sends a request with Digest credentials.
     *
     * @param body a POST body, or {@code null} for a GET
     * @return the reply, whatever its status but 401; fails {@link FailureKind#ACCESS_DENIED} when
     *         the credentials are refused, {@link FailureKind#PROTOCOL_ERROR} when the server asks
     *         for anything but Antminer's Digest realm
     */
    public CompletableFuture<Reply> authorized(MinerEndpoint web, MinerCredentials credentials, String cgi,
            String body, long deadline) {
        return exchange(web, credentials, cgi, body, false, deadline);
    }

    /**
     * Like {@link #authorized} for a CGI that may close the connection without replying once it
     * acts, as {@code reboot.cgi} does [STOCKDOC] [PYASIC-web-am]: an authenticated request that
     * is cut off that way answers {@link #CLOSED}. Post to such a CGI: the JDK client repeats a GET
     * whose connection closed without a reply, and must not repeat the action.
     */
    public CompletableFuture<Reply> authorizedMayClose(MinerEndpoint web, MinerCredentials credentials, String cgi,
            String body, long deadline) {
        return exchange(web, credentials, cgi, body, true, deadline);
    }

    private CompletableFuture<Reply> exchange(MinerEndpoint web, MinerCredentials credentials, String cgi,
            String body, boolean mayClose, long deadline) {
        Call call = new Call(web, credentials, body == null ? "GET" : "POST", cgi, body, mayClose, deadline);
        Digest.Challenge remembered = state(web).challenge();
        if (remembered == null) {
            return send(call, null).thenCompose(reply -> {
                if (reply.status() != 401) {
                    return CompletableFuture.completedFuture(reply);
                }
                Digest.Challenge first = challenge(web, reply);
                state(web).challenged(first);
                return answer(call, first, false);
            });
        }
        return answer(call, remembered, true);
    }

    /** Like {@link #authorized}, requiring a 200 with a JSON object, as every CGI but reboot answers. */
    public CompletableFuture<JsonNode> json(MinerEndpoint web, MinerCredentials credentials, String cgi, String body,
            long deadline) {
        return authorized(web, credentials, cgi, body, deadline).thenApply(reply -> parse(web, cgi, reply));
    }

    /** @return the reply's JSON object; a protocol error naming the CGI for any other status or body */
    JsonNode parse(MinerEndpoint web, String cgi, Reply reply) {
        if (reply.status() != 200) {
            throw DriverFailures.wrap(DriverException.protocolError(
                    "the web interface at " + web + " answered " + cgi + " with HTTP " + reply.status()
                            + " where Bitmain stock firmware answers 200",
                    reply.body(), reply.body().length));
        }
        try {
            JsonNode json = mapper.readTree(reply.body());
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (IOException e) {
            // reported below with the offending bytes
        }
        throw DriverFailures.wrap(DriverException.protocolError("the web interface at " + web + " answered " + cgi
                + " with something other than Bitmain stock firmware's JSON object", reply.body(),
                reply.body().length));
    }

    /** One authenticated exchange being made. */
    private record Call(MinerEndpoint web, MinerCredentials credentials, String method, String cgi, String body,
            boolean mayClose, long deadline) {
    }

    private CompletableFuture<Reply> answer(Call call, Digest.Challenge challenge, boolean remembered) {
        String authorization = challenge.authorize(call.credentials(), call.method(), CGI + call.cgi());
        return send(call, authorization).thenCompose(reply -> {
            MinerState state = state(call.web());
            if (reply.status() != 401) {
                state.accepted(call.credentials());
                return CompletableFuture.completedFuture(reply);
            }
            Digest.Challenge next = challenge(call.web(), reply);
            boolean expired = remembered && (next.stale() || state.acceptedBefore(call.credentials()));
            state.challenged(next);
            if (expired) {
                return answer(call, next, false);
            }
            state.refused(call.credentials());
            return CompletableFuture.failedFuture(new DriverException(FailureKind.ACCESS_DENIED,
                    "the web interface at " + call.web() + " refused the stored credentials (HTTP Digest, realm \""
                            + REALM + "\"); not retried, so that the miner's login is not hammered"));
        });
    }

    /** @return the Digest challenge of a 401, which must be Antminer's */
    static Digest.Challenge challenge(MinerEndpoint web, Reply reply) {
        Optional<Digest.Challenge> challenge = reply.challenge().flatMap(Digest.Challenge::parse);
        if (challenge.isEmpty() || !challenge.get().realm().startsWith("antMiner")) {
            String asked = reply.challenge().map(WebClient::schemeAndRealm).orElse("no WWW-Authenticate header");
            throw DriverFailures.wrap(new DriverException(FailureKind.PROTOCOL_ERROR,
                    "the web interface at " + web + " is not Bitmain stock firmware's: it asks for " + asked
                            + " instead of Digest realm \"" + REALM + "\""));
        }
        return challenge.get();
    }

    /** @return the scheme and realm of a challenge header, which name a firmware without anything secret */
    private static String schemeAndRealm(String header) {
        String scheme = header.trim().split("\\s+", 2)[0];
        String realm = Digest.parameters(header.substring(Math.min(header.length(), scheme.length()))).get("realm");
        String shown = scheme + (realm == null ? "" : " realm \"" + realm + "\"");
        return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
    }

    private CompletableFuture<Reply> send(Call call, String authorization) {
        return send(call.web(), call.method(), call.cgi(), call.body(), authorization, call.deadline())
                .exceptionally(failure -> {
                    if (call.mayClose() && authorization != null && DriverFailures.closedEarly(failure)) {
                        return CLOSED;
                    }
                    throw DriverFailures
                            .wrap(DriverFailures.of(failure, call.cgi() + " on the web interface at " + call.web()));
                });
    }

    private CompletableFuture<Reply> send(MinerEndpoint web, String method, String cgi, String body,
            String authorization, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return CompletableFuture.failedFuture(new DriverException(FailureKind.TIMEOUT,
                    "no time left for " + cgi + " on the web interface at " + web));
        }
        return connections.acquire(deadline).thenCompose(permit -> {
            CompletableFuture<HttpResponse<byte[]>> response;
            try {
                response = http.sendAsync(request(web, method, cgi, body, authorization, deadline),
                        CappedBody.upTo(settings.maxReplyBytes()));
            } catch (RuntimeException e) {
                response = CompletableFuture.failedFuture(e);
            }
            return response.whenComplete((ignored, failure) -> connections.release());
        }).thenApply(response -> new Reply(response.statusCode(), response.body(),
                response.headers().firstValue("WWW-Authenticate")));
    }

    private static HttpRequest request(MinerEndpoint web, String method, String cgi, String body,
            String authorization, long deadline) {
        String host = web.host().indexOf(':') >= 0 ? "[" + web.host() + "]" : web.host();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://" + host + ":" + web.port() + CGI + cgi))
                        .timeout(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())))
                        // what the stock browser UI sends [FIELD-capture]
                        .header("X-Requested-With", "XMLHttpRequest");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            return request.GET().build();
        }
        return request.header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** Forgets miners not talked to for twice the longest cache lifetime, so the map follows the fleet. */
    private void forgetIdle() {
        long idle = 2 * Math.max(settings.identityTtl().toNanos(), settings.loginBackoff().toNanos());
        long now = System.nanoTime();
        for (Iterator<MinerState> states = miners.values().iterator(); states.hasNext();) {
            if (now - states.next().lastUsed() > idle) {
                states.remove();
            }
        }
    }

    /** Stops the HTTP client's executor; calls still in flight fail. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
