package org.hashgrid.tools.simulator;

/**
 * An API a simulated firmware serves on a port of its own beside the cgminer port: Antminer's web
 * CGI, Braiins OS's REST API, Whatsminer's length-prefixed API v3. The server loop accumulates a
 * connection's bytes until {@link #requestLength} finds a whole request, answers it with
 * {@link #reply} and closes the connection, as {@code Connection: close} servers do.
 */
abstract class SecondApi {

    /** A request is never larger than this; a client sending more is cut off. */
    static final int MAX_REQUEST_BYTES = 1 << 20;

    /**
     * @param received the bytes received so far on the connection
     * @param length   how many of them are valid
     * @return the length of the first complete request, or -1 while it is incomplete
     */
    abstract int requestLength(byte[] received, int length);

    /**
     * @return the bytes to send back for a complete request, or {@code null} to close without an
     *         answer (as a firmware does that reboots or powers off before replying)
     */
    abstract byte[] reply(SimulatedMiner miner, byte[] request);

    /** @return how long the miner takes before it answers on this port, e.g. a slow CGI script; none by default */
    long replyDelayNanos(SimulatedMiner miner) {
        return 0;
    }
}
