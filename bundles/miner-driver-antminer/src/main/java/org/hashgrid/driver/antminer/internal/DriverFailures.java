package org.hashgrid.driver.antminer.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.slf4j.Logger;

/**
 * Turns what the HTTP client and the CGI replies throw into the {@link DriverException}s the SPI
 * promises, and logs them: offline and slow miners at debug (the poller reports them), broken
 * replies as warnings at most once a minute. Messages name the miner and the CGI, never the
 * credentials or the Authorization header.
 */
public final class DriverFailures {

    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicInteger heldBack = new AtomicInteger();

    public DriverFailures(Logger log) {
        this.log = log;
    }

    /** @return the failure as a CompletionException, to throw from a stage's function */
    static CompletionException wrap(DriverException failure) {
        return new CompletionException(failure);
    }

    /**
     * @return whether the failure is a connection that was made and then closed or reset before a
     *         reply, rather than refused, timed out or answered with something that is not HTTP
     */
    static boolean closedEarly(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof IOException && !(cause instanceof ConnectException)
                && !(cause instanceof HttpTimeoutException) && !(cause instanceof ProtocolException);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** @return the failure behind a stage, as the driver reports it: a DriverException with a clear kind */
    public static DriverException of(Throwable failure, String what) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DriverException driverException) {
            return driverException;
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new DriverException(FailureKind.UNREACHABLE, what + ": no connection in time", cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new DriverException(FailureKind.TIMEOUT, what + ": no reply in time", cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnresolvedAddressException) {
            return new DriverException(FailureKind.UNREACHABLE, what + ": no connection (" + cause + ")", cause);
        }
        if (cause instanceof ProtocolException) {
            return new DriverException(FailureKind.PROTOCOL_ERROR,
                    what + ": the reply is not HTTP as Bitmain stock firmware's web server speaks it ("
                            + printable(cause.getMessage()) + ")",
                    cause);
        }
        if (cause instanceof IOException) {
            return new DriverException(FailureKind.UNREACHABLE,
                    what + ": the connection closed before a complete reply (" + printable(cause.getMessage()) + ")",
                    cause);
        }
        return new DriverException(FailureKind.PROTOCOL_ERROR, what + ": the reply could not be handled: " + cause,
                cause);
    }

    /** Logs a failure the driver reports. */
    public DriverException logged(DriverException failure, Object miner, String operation) {
        if (failure.kind() != FailureKind.PROTOCOL_ERROR) {
            log.debug("{}: {} {}: {}", miner, operation, failure.kind(), failure.getMessage());
            return failure;
        }
        long now = System.nanoTime();
        long allowed = nextWarning.get();
        if (now - allowed >= 0 && nextWarning.compareAndSet(allowed, now + WARN_INTERVAL_NANOS)) {
            int held = heldBack.getAndSet(0);
            log.warn("{}: {}: {}{}", miner, operation, failure.getMessage(),
                    held == 0 ? "" : " (" + held + " similar warnings held back)");
        } else {
            heldBack.incrementAndGet();
            log.debug("{}: {}: {}", miner, operation, failure.getMessage());
        }
        return failure;
    }

    /** @return the text with anything outside printable ASCII escaped, at most 100 characters */
    private static String printable(String text) {
        if (text == null) {
            return "no detail";
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String excerpt = DriverException.excerpt(bytes, Math.min(bytes.length, 100));
        return excerpt.substring(excerpt.indexOf('"'));
    }
}
