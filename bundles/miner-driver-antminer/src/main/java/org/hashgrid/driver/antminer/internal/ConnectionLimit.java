package org.hashgrid.driver.antminer.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;

/**
 * Bounds the web connections open at once across all miners without blocking a thread: a
 * request waits for a permit as a future, which fails with {@link FailureKind#TIMEOUT} when its
 * deadline passes first.
 */
final class ConnectionLimit {

    private final int max;
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int inUse;

    ConnectionLimit(int max) {
        this.max = max;
    }

    /** @return a future completing when a permit is held; {@link #release()} it exactly once then */
    CompletableFuture<Void> acquire(long deadlineNanos) {
        CompletableFuture<Void> permit = new CompletableFuture<>();
        synchronized (this) {
            if (inUse < max) {
                inUse++;
                permit.complete(null);
                return permit;
            }
            waiting.add(permit);
        }
        // a waiter whose time runs out fails; release() then hands the permit to the next one
        permit.orTimeout(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        return permit.handle((granted, failure) -> {
            if (failure != null) {
                throw new CompletionException(new DriverException(FailureKind.TIMEOUT,
                        "no web connection became free in time (" + max + " open at once across all miners)"));
            }
            return granted;
        });
    }

    void release() {
        while (true) {
            CompletableFuture<Void> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    inUse--;
                    return;
                }
            }
            if (next.complete(null)) {
                return;
            }
        }
    }
}
