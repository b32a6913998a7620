package org.hashgrid.driver;

/** Why a driver call failed; carried by every {@link DriverException}. */
public enum FailureKind {
    /**
     * No conversation was possible: the connection was refused, could not be made in time, or was
     * closed or reset before a complete reply. The miner is offline or not listening to us.
     */
    UNREACHABLE,
    /** A connection was made but the miner did not answer completely within the time allowed. */
    TIMEOUT,
    /**
     * The miner answered something that could not be understood: garbage, a truncated or
     * oversized reply, or an error the driver cannot interpret. The exception's
     * {@link DriverException#replyExcerpt() reply excerpt} shows the offending bytes.
     */
    PROTOCOL_ERROR,
    /** The firmware refused the request to this client, e.g. a privileged command without write access. */
    ACCESS_DENIED,
    /** The driver, or this miner's firmware, cannot perform what was asked. */
    UNSUPPORTED,
    /**
     * The driver broke its contract (threw, or failed with something other than a
     * {@link DriverException}). Only {@link DriverException#unwrap(Throwable)} produces this kind,
     * so that callers can report a faulty driver instead of crashing on it.
     */
    DRIVER_FAULT
}
