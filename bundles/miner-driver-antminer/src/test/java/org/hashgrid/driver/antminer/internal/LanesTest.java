package org.hashgrid.driver.antminer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class LanesTest {

    @Test
    void workForOneKeyRunsInTurnWhateverTheOutcomeAndOtherKeysDoNotWait() {
        Lanes<String> lanes = new Lanes<>();
        List<String> started = new CopyOnWriteArrayList<>();
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> a1 = lanes.run("a", () -> {
            started.add("a1");
            return first;
        });
        CompletableFuture<String> a2 = lanes.run("a", () -> {
            started.add("a2");
            return CompletableFuture.completedFuture("two");
        });
        CompletableFuture<String> b1 = lanes.run("b", () -> {
            started.add("b1");
            return CompletableFuture.completedFuture("b");
        });
        assertEquals(List.of("a1", "b1"), started);
        assertFalse(a2.isDone(), "waits for a1");
        assertTrue(b1.isDone());
        first.completeExceptionally(new IllegalStateException("a1 failed"));
        assertTrue(a1.isCompletedExceptionally());
        assertEquals("two", a2.join());
        assertEquals(List.of("a1", "b1", "a2"), started);
    }
}
