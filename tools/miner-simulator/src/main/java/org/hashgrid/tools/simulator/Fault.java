package org.hashgrid.tools.simulator;

/** How a simulated miner misbehaves on the transport. */
public enum Fault {
    /** Answers properly. */
    NONE,
    /** Not listening: connections are refused. */
    REFUSE,
    /** Accepts the connection, reads the request and never answers. */
    SILENT,
    /** Answers one byte at a time, slowly (slow-loris). */
    SLOW,
    /** Answers with bytes that are not JSON. */
    GARBAGE,
    /** Sends the first half of the reply, then closes without the NUL. */
    TRUNCATED,
    /** Sends a reply of 2 MiB. */
    OVERSIZED,
    /** Sends part of the reply, then resets the connection (RST). */
    RESET,
    /** Accepts the connection and closes it without a byte, as cgminer does for addresses it does not allow. */
    EMPTY
}
