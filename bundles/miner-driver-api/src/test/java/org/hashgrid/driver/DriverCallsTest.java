package org.hashgrid.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class DriverCallsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Every failure handed to {@link #handle}, reported with {@link DriverCalls#reported}. */
    private final List<Throwable> handled = new ArrayList<>();
    private final List<DriverException> expected = new ArrayList<>();
    private final List<Throwable> unexpected = new ArrayList<>();

    private synchronized DriverException handle(Throwable failure) {
        handled.add(failure);
        return DriverCalls.reported(failure, expected::add, unexpected::add);
    }

    @Test
    void noTimeFailsAtOnceWithoutRunningTheOperation() {
        for (Duration none : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
            CompletableFuture<String> call = DriverCalls.bounded("read", none, deadline -> {
                throw new AssertionError("ran with " + none);
            }, this::handle);
            assertEquals(FailureKind.TIMEOUT, failure(call).kind());
            call = DriverCalls.bounded("read", none, Duration.ofMillis(100), deadline -> {
                throw new AssertionError("ran with " + none);
            }, this::handle);
            assertEquals(FailureKind.TIMEOUT, failure(call).kind());
        }
        assertEquals(List.of(), handled, "nothing to log: the caller gave no time");
    }

    @Test
    void theOperationWorksAgainstTheTimeoutsDeadline() {
        AtomicReference<Deadline> given = new AtomicReference<>();
        long before = System.nanoTime();
        CompletableFuture<String> call = DriverCalls.bounded("read", TIMEOUT, deadline -> {
            given.set(deadline);
            return CompletableFuture.completedFuture("reading");
        }, this::handle);
        assertEquals("reading", value(call));
        long ahead = given.get().nanos() - before;
        assertTrue(ahead >= TIMEOUT.toNanos() && ahead < TIMEOUT.plusSeconds(1).toNanos(), ahead + " ns");
        assertEquals(List.of(), handled);
    }

    @Test
    void aThrowingOperationFailsTheStageInsteadOfTheCaller() {
        IllegalStateException bug = new IllegalStateException("index out of the reply");
        CompletableFuture<String> call = DriverCalls.bounded("read", TIMEOUT, deadline -> {
            throw bug;
        }, this::handle);
        DriverException failure = failure(call);
        assertEquals(FailureKind.PROTOCOL_ERROR, failure.kind());
        assertSame(bug, failure.getCause());
        assertTrue(failure.getMessage().contains("index out of the reply"), failure.getMessage());
        assertEquals(List.of(bug), unexpected);
    }

    @Test
    void aFailureOtherThanADriverExceptionIsReportedAsProtocolError() {
        NumberFormatException bug = new NumberFormatException("For input string: \"12x\"");
        CompletableFuture<String> call = DriverCalls.bounded("probe", TIMEOUT,
                deadline -> CompletableFuture.<String>supplyAsync(() -> {
                    throw bug;
                }), this::handle);
        DriverException failure = failure(call);
        assertEquals(FailureKind.PROTOCOL_ERROR, failure.kind());
        assertSame(bug, failure.getCause());
        assertEquals(List.of(bug), unexpected);
        assertEquals(List.of(), expected);
        assertInstanceOf(CompletionException.class, handled.get(0), "the handler sees the failure as it came");
    }

    @Test
    void aDriverExceptionReachesTheCallerAsItIs() {
        DriverException refused = new DriverException(FailureKind.ACCESS_DENIED, "privileged command refused");
        CompletableFuture<String> call = DriverCalls.bounded("STOP", TIMEOUT,
                deadline -> CompletableFuture.<String>supplyAsync(() -> {
                    throw new CompletionException(refused);
                }), this::handle);
        assertSame(refused, failure(call));
        assertEquals(List.of(), unexpected);
        assertEquals(List.of(refused), expected);
        assertEquals(1, handled.size(), "every failure passes the driver's handler, to be logged");
    }

    @Test
    void theHandlerDecidesWhatTheCallerSees() {
        DriverException mapped = new DriverException(FailureKind.UNREACHABLE, "connection refused");
        CompletableFuture<String> call = DriverCalls.bounded("read", TIMEOUT,
                deadline -> CompletableFuture.failedFuture(new java.net.ConnectException("refused")),
                failure -> mapped);
        assertSame(mapped, failure(call));
    }

    @Test
    void aBrokenHandlerIsADriverFaultNotAHang() {
        CompletableFuture<String> call = DriverCalls.bounded("read", TIMEOUT,
                deadline -> CompletableFuture.failedFuture(new DriverException(FailureKind.TIMEOUT, "late")),
                failure -> {
                    throw new IllegalStateException("handler bug");
                });
        assertEquals(FailureKind.DRIVER_FAULT, failure(call).kind());
        CompletableFuture<String> nothing = DriverCalls.bounded("read", TIMEOUT,
                deadline -> CompletableFuture.failedFuture(new DriverException(FailureKind.TIMEOUT, "late")),
                failure -> null);
        assertEquals(FailureKind.DRIVER_FAULT, failure(nothing).kind());
    }

    @Test
    void anOperationReturningNoStageIsADriverBug() {
        CompletableFuture<String> call = DriverCalls.bounded("read", TIMEOUT, deadline -> null, this::handle);
        assertEquals(FailureKind.PROTOCOL_ERROR, failure(call).kind());
        assertInstanceOf(NullPointerException.class, unexpected.get(0));
    }

    @Test
    void theBackstopEndsWorkThatIgnoresTheDeadline() {
        Duration timeout = Duration.ofMillis(300);
        Duration tolerance = Duration.ofMillis(100);
        CompletableFuture<String> shared = new CompletableFuture<>();
        long start = System.nanoTime();
        CompletableFuture<String> call = DriverCalls.bounded("read", timeout, tolerance, deadline -> shared,
                this::handle);
        DriverException failure = failure(call);
        long elapsed = System.nanoTime() - start;
        assertEquals(FailureKind.TIMEOUT, failure.kind());
        assertTrue(failure.getMessage().contains("read"), failure.getMessage());
        assertTrue(elapsed >= timeout.plus(tolerance).toNanos(),
                "not before the deadline plus the tolerance: " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms");
        assertSame(failure, handled.get(0), "the backstop's TIMEOUT passes the handler too");
        assertFalse(shared.isDone(), "a stage the work may share with other calls is left alone");
    }

    @Test
    void withinTheToleranceTheWorksOwnFailureComesFirst() {
        DriverException refused = new DriverException(FailureKind.UNREACHABLE, "connection refused");
        CompletableFuture<String> call = DriverCalls.bounded("read", Duration.ofMillis(100), Duration.ofSeconds(2),
                deadline -> {
                    // fails once the deadline has passed, as a connection attempt cut short by it does
                    CompletableFuture<String> work = new CompletableFuture<>();
                    CompletableFuture.delayedExecutor(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)
                            .execute(() -> work.completeExceptionally(refused));
                    return work;
                }, this::handle);
        assertSame(refused, failure(call));
    }

    @Test
    void workDoneInTimeIsNotFailedByTheBackstop() {
        CompletableFuture<String> call = DriverCalls.bounded("read", Duration.ofMillis(200), Duration.ofMillis(50),
                deadline -> CompletableFuture.supplyAsync(() -> "reading"), this::handle);
        assertEquals("reading", value(call));
        assertEquals(List.of(), handled);
    }

    @Test
    void nullArgumentsAreProgrammingErrors() {
        Function<Deadline, CompletionStage<String>> operation = deadline -> CompletableFuture.completedFuture("x");
        assertThrows(NullPointerException.class, () -> DriverCalls.bounded("read", null, operation, this::handle));
        assertThrows(NullPointerException.class, () -> DriverCalls.bounded(null, TIMEOUT, operation, this::handle));
        assertThrows(NullPointerException.class, () -> DriverCalls.bounded("read", TIMEOUT, null, this::handle));
        assertThrows(NullPointerException.class, () -> DriverCalls.bounded("read", TIMEOUT, operation, null));
        assertThrows(NullPointerException.class,
                () -> DriverCalls.bounded("read", TIMEOUT, null, operation, this::handle));
        assertThrows(IllegalArgumentException.class,
                () -> DriverCalls.bounded("read", TIMEOUT, Duration.ofMillis(-1), operation, this::handle));
    }

    private static <T> T value(CompletableFuture<T> call) {
        try {
            return call.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("expected a value", e);
        }
    }

    private static DriverException failure(CompletableFuture<?> call) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(DriverException.class, failed.getCause());
    }
}
