package org.hashgrid.driver.luxos.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerEndpoint;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * LuxOS's write sessions [LUXDOCS-sessions]: no password, one session per miner at a time, the
 * session id as the first parameter of every write, a minute of inactivity and it is gone. Sessions
 * are a coordination lock between tools, not security, so the driver holds one only while it
 * commands:
 * <ul>
 * <li>it logs on; if another session is active (Code 402) it asks {@code session} for that one and
 * shares it, as pyasic and asic-rs do, and never logs it off (it is someone else's lock);</li>
 * <li>a session it opened itself it logs off after the command, so other tools can log on at once;</li>
 * <li>a shared session is remembered for the next command; when a write is refused for its session
 * (expired, logged off, controller restarted) the driver acquires one afresh and tries once more;</li>
 * <li>commands to one miner run one after the other, so the driver never races itself for the lock.</li>
 * </ul>
 */
public final class Sessions {

    /** A session id and whether this driver opened it (and so must log it off). */
    private record Session(String id, boolean owned) {
    }

    /** A write refused because of its session: worth one more try with a fresh session. */
    static final class SessionRejected extends Exception {
        private static final long serialVersionUID = 1L;

        SessionRejected(String message) {
            super(message, null, false, false);
        }
    }

    private final LuxosClient client;
    /** Other tools' sessions this driver shared, per miner; dropped when the miner rejects them. */
    private final Map<MinerEndpoint, String> shared = new ConcurrentHashMap<>();
    /** The last command queued per miner; the next one starts when it is done. */
    private final Map<MinerEndpoint, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();

    public Sessions(LuxosClient client) {
        this.client = client;
    }

    /**
     * Runs {@code work} with a session id, after the commands already queued for this miner.
     * {@code work} fails with {@link SessionRejected} (wrapped) when the miner refuses the session.
     */
    public <T> CompletableFuture<T> within(MinerEndpoint endpoint, Deadline deadline,
            Function<String, CompletableFuture<T>> work) {
        return queued(endpoint, () -> acquire(endpoint, deadline, true)
                .thenCompose(session -> attempt(endpoint, deadline, session, work, true)));
    }

    /**
     * Sends a write that carries the session id first; a refusal because of the session completes
     * with {@link SessionRejected}, any other refusal with a {@link DriverException}.
     */
    public CompletableFuture<JsonNode> write(MinerEndpoint endpoint, String command, String session, String arguments,
            Deadline deadline) {
        return client.send(endpoint, command, arguments.isEmpty() ? session : session + "," + arguments, deadline)
                .thenApply(reply -> {
                    if (LuxosReplies.ok(reply)) {
                        return reply;
                    }
                    throw new CompletionException(LuxosReplies.sessionRejected(reply)
                            ? new SessionRejected(LuxosReplies.refused(command, reply).getMessage())
                            : LuxosReplies.refused(command, reply));
                });
    }

    private <T> CompletableFuture<T> attempt(MinerEndpoint endpoint, Deadline deadline, Session session,
            Function<String, CompletableFuture<T>> work, boolean mayRetry) {
        CompletableFuture<T> result = new CompletableFuture<>();
        started(() -> work.apply(session.id())).whenComplete((value, failure) -> {
            Throwable cause = cause(failure);
            if (cause instanceof SessionRejected rejected) {
                shared.remove(endpoint, session.id());
                if (mayRetry) {
                    acquire(endpoint, deadline, false)
                            .thenCompose(fresh -> attempt(endpoint, deadline, fresh, work, false))
                            .whenComplete((retried, again) -> complete(result, retried, again));
                    return;
                }
                failure = new DriverException(FailureKind.ACCESS_DENIED,
                        "the miner rejected a fresh session too: " + rejected.getMessage());
            }
            Throwable outcome = failure;
            release(endpoint, deadline, session)
                    .whenComplete((ignored, logoffFailure) -> complete(result, value, outcome));
        });
        return result;
    }

    private CompletableFuture<Session> acquire(MinerEndpoint endpoint, Deadline deadline, boolean mayShareKnown) {
        String known = mayShareKnown ? shared.get(endpoint) : null;
        if (known != null) {
            return CompletableFuture.completedFuture(new Session(known, false));
        }
        return logon(endpoint, deadline, true);
    }

    /** {@code logon} → Code 316 and a SessionID; Code 402 → share the active one named by {@code session}. */
    private CompletableFuture<Session> logon(MinerEndpoint endpoint, Deadline deadline, boolean mayRetry) {
        return client.send(endpoint, "logon", "", deadline).thenCompose(reply -> {
            String id = LuxosReplies.first(reply, "SESSION").path("SessionID").asText("");
            if (LuxosReplies.ok(reply) && !id.isEmpty()) {
                return CompletableFuture.completedFuture(new Session(id, true));
            }
            if (LuxosReplies.code(reply) != LuxosReplies.ANOTHER_SESSION_ACTIVE) {
                return CompletableFuture.failedFuture(LuxosReplies.refused("logon", reply));
            }
            return client.send(endpoint, "session", "", deadline).thenCompose(current -> {
                String active = LuxosReplies.first(current, "SESSION").path("SessionID").asText("");
                if (!active.isEmpty()) {
                    shared.put(endpoint, active);
                    return CompletableFuture.completedFuture(new Session(active, false));
                }
                // the other session ended between logon and session: log on once more
                return mayRetry ? logon(endpoint, deadline, false)
                        : CompletableFuture.failedFuture(new DriverException(FailureKind.ACCESS_DENIED,
                                "another session is active on the miner (Code 402) and none could be shared"));
            });
        });
    }

    /** Logs off a session this driver opened; its failure (e.g. after resetminer) changes nothing. */
    private CompletableFuture<?> release(MinerEndpoint endpoint, Deadline deadline, Session session) {
        if (!session.owned() || deadline.passed()) {
            return CompletableFuture.completedFuture(null);
        }
        return client.send(endpoint, "logoff", session.id(), deadline);
    }

    private <T> CompletableFuture<T> queued(MinerEndpoint endpoint, Supplier<CompletableFuture<T>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = queues.put(endpoint, done);
        CompletableFuture<Void> turn = previous == null ? CompletableFuture.completedFuture(null)
                : previous.exceptionally(ignored -> null);
        return turn.thenCompose(ignored -> started(work)).whenComplete((value, failure) -> {
            queues.remove(endpoint, done);
            done.complete(null);
        });
    }

    private static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static <T> void complete(CompletableFuture<T> result, T value, Throwable failure) {
        if (failure == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(cause(failure));
        }
    }
}
