package org.hashgrid.driver.antminer.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.hashgrid.driver.MinerCredentials;

/**
 * What the driver remembers of one miner's web interface between calls: the Digest challenge it
 * answers (and whether the stored credentials were accepted with it), refused credentials, the
 * model and the work mode. Guarded by its own lock; nothing here is ever logged.
 */
final class MinerState {

    /** A cached value with the time it was learnt ({@link System#nanoTime()}). */
    record Cached<T>(T value, long at) {
        boolean freshFor(long ttlNanos, long now) {
            return now - at < ttlNanos;
        }
    }

    private Digest.Challenge challenge;
    private MinerCredentials acceptedWith;
    private MinerCredentials refused;
    private long refusedAt;
    private Cached<String> model;
    private Cached<Optional<WorkMode>> mode;
    private CompletableFuture<Optional<WorkMode>> modeInFlight;
    private volatile long lastUsed = System.nanoTime();

    synchronized Digest.Challenge challenge() {
        lastUsed = System.nanoTime();
        return challenge;
    }

    /** Remembers the latest challenge; credentials are not known to be accepted with it yet. */
    synchronized void challenged(Digest.Challenge latest) {
        challenge = latest;
        acceptedWith = null;
    }

    synchronized void accepted(MinerCredentials credentials) {
        acceptedWith = credentials;
        refused = null;
    }

    /** @return whether these credentials were accepted with the current challenge, so a 401 now means it expired */
    synchronized boolean acceptedBefore(MinerCredentials credentials) {
        return credentials.equals(acceptedWith);
    }

    synchronized void refused(MinerCredentials credentials) {
        refused = credentials;
        refusedAt = System.nanoTime();
    }

    /** @return whether these credentials were refused less than {@code backoffNanos} ago */
    synchronized boolean refusedRecently(MinerCredentials credentials, long backoffNanos) {
        return credentials.equals(refused) && System.nanoTime() - refusedAt < backoffNanos;
    }

    synchronized Cached<String> model() {
        return model;
    }

    synchronized void model(String value) {
        model = new Cached<>(value, System.nanoTime());
    }

    synchronized Cached<Optional<WorkMode>> mode() {
        return mode;
    }

    /** Remembers the work mode, or that it could not be read (empty). */
    synchronized void mode(Optional<WorkMode> value) {
        mode = new Cached<>(value, System.nanoTime());
    }

    /** @return the work mode read in flight, or a new one started with {@code fetch}: one read at a time per miner */
    CompletableFuture<Optional<WorkMode>> modeFetch(Supplier<CompletableFuture<Optional<WorkMode>>> fetch) {
        CompletableFuture<Optional<WorkMode>> running;
        synchronized (this) {
            if (modeInFlight != null) {
                return modeInFlight;
            }
            running = new CompletableFuture<>();
            modeInFlight = running;
        }
        fetch.get().whenComplete((mode, failure) -> {
            synchronized (this) {
                modeInFlight = null;
            }
            running.complete(failure == null ? mode : Optional.empty());
        });
        return running;
    }

    /** Forgets the work mode, after a command that changes it. */
    synchronized void forgetMode() {
        mode = null;
    }

    long lastUsed() {
        return lastUsed;
    }
}
