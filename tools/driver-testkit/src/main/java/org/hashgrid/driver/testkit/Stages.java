package org.hashgrid.driver.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hashgrid.driver.DriverException;

/**
 * Waits for the stages a driver returns, as assertions: a driver test states what it expects (a
 * value, or a {@link DriverException}) and how long it may take, and gets a clear failure when the
 * stage does otherwise.
 */
public final class Stages {

    private Stages() {
    }

    /**
     * @return the stage's value
     * @throws AssertionError if the stage fails or is not done {@code within}
     */
    public static <T> T await(CompletionStage<T> stage, Duration within) {
        try {
            return stage.toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * @return the {@link DriverException} the stage failed with
     * @throws AssertionError if the stage succeeds, fails with anything else, or is not done
     *                        {@code within}
     */
    public static DriverException awaitFailure(CompletionStage<?> stage, Duration within) {
        Object value;
        try {
            value = stage.toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DriverException failure) {
                return failure;
            }
            throw new AssertionError("failures must be DriverExceptions, got " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("not completed within " + within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return fail("expected a failure, got " + value);
    }
}
