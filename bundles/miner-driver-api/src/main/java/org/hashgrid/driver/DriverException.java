package org.hashgrid.driver;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failed driver call. Drivers never throw it at the caller: it is the cause with which the
 * stage returned by {@link MinerDriver} completes exceptionally. The message is meant for a human
 * (an operator reading a log or an API response) and names what happened, not how.
 */
public final class DriverException extends Exception {

    private static final long serialVersionUID = 1L;

    /** How many leading bytes of an offending reply {@link #protocolError} keeps. */
    public static final int EXCERPT_BYTES = 64;

    private final FailureKind kind;
    private final String replyExcerpt;

    public DriverException(FailureKind kind, String message) {
        this(kind, message, null, null);
    }

    public DriverException(FailureKind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    private DriverException(FailureKind kind, String message, Throwable cause, String replyExcerpt) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.replyExcerpt = replyExcerpt;
    }

    /**
     * A {@link FailureKind#PROTOCOL_ERROR} that shows the reply it is about.
     *
     * @param message what was wrong with the reply
     * @param reply   buffer holding the reply
     * @param length  number of reply bytes in {@code reply}
     */
    public static DriverException protocolError(String message, byte[] reply, int length) {
        String excerpt = excerpt(reply, length);
        return new DriverException(FailureKind.PROTOCOL_ERROR, message + "; reply " + excerpt, null, excerpt);
    }

    /**
     * Summarises bytes for a log line: their count and the first {@value #EXCERPT_BYTES} of them
     * with everything outside printable ASCII escaped, e.g. {@code 5 bytes: "ok\x00\n\xff"}.
     */
    public static String excerpt(byte[] bytes, int length) {
        int shown = Math.min(length, EXCERPT_BYTES);
        StringBuilder out = new StringBuilder(shown + 32).append(length).append(length == 1 ? " byte" : " bytes");
        out.append(shown < length ? ", first " + shown + ": \"" : ": \"");
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * The driver failure behind an exceptionally completed stage: unwraps
     * {@link CompletionException} and {@link ExecutionException}; anything that is not a
     * {@code DriverException} becomes one of kind {@link FailureKind#DRIVER_FAULT}.
     */
    public static DriverException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DriverException driverException) {
            return driverException;
        }
        return new DriverException(FailureKind.DRIVER_FAULT, "driver failed unexpectedly: " + cause, cause);
    }

    public FailureKind kind() {
        return kind;
    }

    /** @return the excerpt of the offending reply of a protocol error, see {@link #excerpt} */
    public Optional<String> replyExcerpt() {
        return Optional.ofNullable(replyExcerpt);
    }
}
