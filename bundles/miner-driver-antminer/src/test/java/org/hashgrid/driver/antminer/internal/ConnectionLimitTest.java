package org.hashgrid.driver.antminer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.junit.jupiter.api.Test;

class ConnectionLimitTest {

    private static long in(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void waitersGetPermitsInTurnAndAWaiterPastItsDeadlineFailsAsTimeout() {
        ConnectionLimit limit = new ConnectionLimit(1);
        assertTrue(limit.acquire(in(1000)).isDone());
        CompletableFuture<Void> late = limit.acquire(in(50));
        CompletableFuture<Void> patient = limit.acquire(in(5000));
        CompletionException failure =
                org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, late::join);
        assertEquals(FailureKind.TIMEOUT, ((DriverException) failure.getCause()).kind());
        assertFalse(patient.isDone());
        limit.release();
        assertTrue(patient.isDone() && !patient.isCompletedExceptionally(), "the timed-out waiter is skipped");
        limit.release();
        assertTrue(limit.acquire(in(10)).isDone(), "both permits are back");
    }
}
