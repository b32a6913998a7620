package org.hashgrid.driver;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The part of the {@link MinerDriver} contract that is the same for every driver: a call with no
 * time fails at once, the rest of the call works against one {@link Deadline}, and whatever the
 * work throws or fails with reaches the caller as a {@link DriverException}.
 *
 * <pre>{@code
 * public CompletionStage<MinerReading> read(MinerEndpoint endpoint, Duration timeout) {
 *     Objects.requireNonNull(endpoint, "endpoint");
 *     return DriverCalls.bounded("read", timeout, deadline -> client.status(endpoint, deadline),
 *             failure -> DriverCalls.reported(failure,
 *                     expected -> LOG.debug("{}: read failed: {}", endpoint, expected.getMessage()),
 *                     unexpected -> LOG.warn("{}: read failed unexpectedly", endpoint, unexpected)));
 * }
 * }</pre>
 *
 * @since 1.1
 */
public final class DriverCalls {

    /**
     * A backstop tolerance that suits most drivers: long enough for the work's own timeout to fire
     * and be reported first, well within the scheduling tolerance callers allow.
     */
    public static final Duration BACKSTOP_TOLERANCE = Duration.ofMillis(100);

    private DriverCalls() {
    }

    /**
     * Runs one driver call against a deadline {@code timeout} from now.
     *
     * @param what      what the call does (e.g. {@code read}, {@code STOP}), for messages
     * @param timeout   the caller's timeout; zero or negative fails at once with
     *                  {@link FailureKind#TIMEOUT}, without running {@code operation}
     * @param operation starts the work and returns its stage; it may throw or fail with anything
     * @param onFailure turns whatever the work failed with (a {@link DriverException}, possibly
     *                  wrapped in a {@link java.util.concurrent.CompletionException}, or anything
     *                  else, including a {@code RuntimeException} thrown by {@code operation}) into
     *                  the failure the caller gets, and logs it as the driver sees fit;
     *                  {@link #reported(Throwable, Consumer, Consumer)} does the usual part
     * @return a future completing with the work's value or, exceptionally, with the
     *         {@link DriverException} from {@code onFailure}; completing it early (e.g. when the
     *         driver stops) is what the caller sees
     * @throws NullPointerException if an argument is null
     */
    public static <T> CompletableFuture<T> bounded(String what, Duration timeout,
            Function<Deadline, ? extends CompletionStage<T>> operation,
            Function<Throwable, DriverException> onFailure) {
        return call(what, timeout, null, operation, onFailure);
    }

    /**
     * Like {@link #bounded(String, Duration, Function, Function)}, with a backstop for work that
     * does not watch the deadline in every step (a third-party client, a driver it calls): if the
     * work is not done {@code tolerance} after the deadline, the call fails with a
     * {@link FailureKind#TIMEOUT}, handed to {@code onFailure} like any other failure. The
     * tolerance leaves the work's own, more precise failure (e.g. {@code UNREACHABLE}) time to
     * come first.
     *
     * @param tolerance how long past the deadline the work may still complete, e.g.
     *                  {@link #BACKSTOP_TOLERANCE}
     */
    public static <T> CompletableFuture<T> bounded(String what, Duration timeout, Duration tolerance,
            Function<Deadline, ? extends CompletionStage<T>> operation,
            Function<Throwable, DriverException> onFailure) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("negative tolerance: " + tolerance);
        }
        return call(what, timeout, tolerance, operation, onFailure);
    }

    /**
     * The failure a driver reports for a failed stage: the {@link DriverException} behind it
     * ({@link DriverException#unwrap}), handed to {@code expected}; anything else is the driver's
     * own bug meeting a reply it did not expect, handed to {@code unexpected} (to log it with its
     * stack trace) and reported as a {@link FailureKind#PROTOCOL_ERROR} rather than a
     * {@link FailureKind#DRIVER_FAULT}.
     *
     * @param expected   told of each failure the driver meant, e.g. to log it at debug level
     * @param unexpected told of each throwable the driver did not mean
     */
    public static DriverException reported(Throwable failure, Consumer<DriverException> expected,
            Consumer<Throwable> unexpected) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(unexpected, "unexpected");
        DriverException driverFailure = DriverException.unwrap(failure);
        if (driverFailure.kind() != FailureKind.DRIVER_FAULT) {
            expected.accept(driverFailure);
            return driverFailure;
        }
        Throwable cause = driverFailure.getCause() != null ? driverFailure.getCause() : driverFailure;
        unexpected.accept(cause);
        return new DriverException(FailureKind.PROTOCOL_ERROR, "the reply could not be handled: " + cause, cause);
    }

    private static <T> CompletableFuture<T> call(String what, Duration timeout, Duration tolerance,
            Function<Deadline, ? extends CompletionStage<T>> operation,
            Function<Throwable, DriverException> onFailure) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(onFailure, "onFailure");
        if (timeout.isNegative() || timeout.isZero()) {
            return CompletableFuture
                    .failedFuture(new DriverException(FailureKind.TIMEOUT, "no time given: " + timeout));
        }
        Deadline deadline = Deadline.after(timeout);
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(operation.apply(deadline), "the operation returned no stage");
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(report(onFailure, failure));
            }
        });
        if (tolerance != null && !result.isDone()) {
            long delay = Math.max(0, deadline.nanos() - System.nanoTime() + tolerance.toNanos());
            // a timer of our own, so that the backstop never fails a stage the work shares with other calls;
            // completing it when the call is done cancels the timer
            CompletableFuture<Void> backstop = new CompletableFuture<Void>().orTimeout(delay, TimeUnit.NANOSECONDS);
            backstop.whenComplete((ignored, late) -> {
                if (late != null && !result.isDone()) {
                    result.completeExceptionally(report(onFailure,
                            new DriverException(FailureKind.TIMEOUT, what + " not done within " + timeout)));
                }
            });
            result.whenComplete((value, failure) -> backstop.complete(null));
        }
        return result;
    }

    /** @return the failure {@code onFailure} makes of {@code failure}; a handler that breaks is a driver fault */
    private static DriverException report(Function<Throwable, DriverException> onFailure, Throwable failure) {
        try {
            return Objects.requireNonNull(onFailure.apply(failure), "the failure handler returned nothing");
        } catch (RuntimeException e) {
            return DriverException.unwrap(e);
        }
    }
}
