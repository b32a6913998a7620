package org.hashgrid.driver.cgminer.rpc;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerEndpoint;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CGMiner-style TCP exchange (one JSON request, one JSON reply, then close) that most miner
 * firmwares speak on port 4028 — stock cgminer, bmminer, btminer, LUXminer, bosminer. The CGMiner
 * driver bundle registers it as a service so that firmware-specific drivers reuse one hardened
 * client: its repair of broken firmware JSON, its bounded replies and connection count, and its rule
 * of at most one conversation per miner, shared with the CGMiner driver's own reads, because many
 * firmwares serve a single client at a time.
 *
 * <p>Same contract as {@link org.hashgrid.driver.MinerDriver}: never blocks, never throws (bar
 * {@link NullPointerException}), honours the timeout.
 */
public interface CgminerRpc {

    /**
     * Sends one request and reads the reply.
     *
     * @param endpoint where the API listens
     * @param request  the request, a JSON object such as {@code {"command":"logon"}} or
     *                 {@code {"enc":1,"data":"…"}}
     * @param timeout  the time the whole exchange may take, connection included
     * @return a stage completing with the reply's root JSON object (repaired where firmware broke
     *         it), or exceptionally with a {@link DriverException}: {@link FailureKind#UNREACHABLE},
     *         {@link FailureKind#TIMEOUT} or {@link FailureKind#PROTOCOL_ERROR} (not JSON, truncated,
     *         oversized)
     */
    CompletionStage<JsonNode> exchange(MinerEndpoint endpoint, String request, Duration timeout);

    /**
     * Sends a write that the firmware may carry out without answering (it powers off or reboots
     * first). Unlike {@link #exchange}, the request goes out at most once: a connection closed
     * without a byte is not asked again, because the miner may already be acting on it.
     *
     * @param endpoint where the API listens
     * @param request  the request, a JSON object
     * @param timeout  the time the whole exchange may take, connection included
     * @return a stage completing with the reply's root JSON object, or with empty when the request
     *         was written in full and no byte came back before the miner closed the connection or
     *         the time ran out (the outcome is unknown: confirm it by reading); failing as
     *         {@link #exchange} does when the request could not be written or the reply is broken
     * @since 1.1
     */
    default CompletionStage<Optional<JsonNode>> sendOnce(MinerEndpoint endpoint, String request, Duration timeout) {
        return CompletableFuture.failedFuture(
                new DriverException(FailureKind.UNSUPPORTED, "this CGMiner transport cannot send a request once only"));
    }
}
