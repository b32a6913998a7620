package org.hashgrid.driver.antminer.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One control conversation per miner at a time: commands to the same miner run one after the
 * other, so that a START cannot overtake a STOP and the lock-file variant of
 * {@code set_miner_conf.cgi} never answers "request busy" to ourselves [BMFW-setconf-B]. Commands
 * to different miners run side by side. No thread waits: a queued command is a future chained
 * to the one before.
 */
final class Lanes<K> {

    private final Map<K, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Runs {@code work} once every earlier work for {@code key} has completed, whichever way. */
    <T> CompletableFuture<T> run(K key, Supplier<CompletableFuture<T>> work) {
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<T> result = turn.thenCompose(ignored -> work.get());
        CompletableFuture<Void> tail = result.handle((value, failure) -> null);
        CompletableFuture<Void> previous = tails.put(key, tail);
        tail.whenComplete((ignored, failure) -> tails.remove(key, tail));
        if (previous == null) {
            turn.complete(null);
        } else {
            previous.whenComplete((ignored, failure) -> turn.complete(null));
        }
        return result;
    }
}
