package org.hashgrid.hosting.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hashgrid.core.Caller;
import org.hashgrid.core.IpRange;
import org.hashgrid.core.ProblemException;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.PollTarget;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Finds the driver and access (endpoint, control port, credentials) of a miner the caller may see,
 * and waits for driver calls with the answers every caller gives: 409 without an allowed address,
 * 503 without the driver, and driver failures as 502 (504 for timeouts) naming the
 * {@link FailureKind}. What a failure says is scrubbed of the miner's password before it reaches a
 * log line, the operation log or a caller, should a driver have echoed it.
 */
@Component(service = MinerTargets.class)
public class MinerTargets {

    /** A miner ready to be talked to; {@code toString()} hides the password (see {@link MinerAccess}). */
    public record Target(Miner miner, MinerDriver driver, MinerAccess access) {

        public MinerEndpoint endpoint() {
            return access.endpoint();
        }

        /** {@code text} without the miner's password. */
        public String scrub(String text) {
            return PollTarget.scrub(access, text);
        }

        /** A failure as the server log may show it: kind and full message, scrubbed. */
        public String describe(DriverException failure) {
            return failure.kind() + " " + scrub(String.valueOf(failure.getMessage()));
        }

        /** A failure as callers and the operation log may see it: without the bytes the far end sent, scrubbed. */
        public String shareable(DriverException failure) {
            return scrub(MinerTargets.shareable(failure));
        }
    }

    private final MinerService miners;
    private final DriverRegistry drivers;
    private final MinerAddressPolicy policy;
    private final CredentialService credentials;

    @Activate
    public MinerTargets(@Reference MinerService miners, @Reference DriverRegistry drivers,
            @Reference MinerAddressPolicy policy, @Reference CredentialService credentials) {
        this.miners = miners;
        this.drivers = drivers;
        this.policy = policy;
        this.credentials = credentials;
    }

    public Target resolve(Caller caller, long minerId) {
        Miner miner = miners.get(caller, minerId);
        if (miner.cgminerIp() == null) {
            throw ProblemException.conflict("Miner " + minerId + " has no API address (cgminer_ip)");
        }
        String refusal = policy.refusal(IpRange.literal(miner.cgminerIp()), miner.cgminerPort());
        if (refusal != null) {
            throw ProblemException.conflict("Miner " + minerId + " cannot be reached: " + refusal);
        }
        MinerDriver driver = drivers.driver(miner.driver()).orElseThrow(() -> new ProblemException(503,
                "Service Unavailable", "Driver '" + miner.driver() + "' of miner " + minerId + " is not installed"));
        return new Target(miner, driver, credentials.access(miner));
    }

    /**
     * Waits for a driver call a little longer than its own timeout (the driver promises to
     * finish by then); a failure comes back as the typed {@link DriverException}.
     */
    public static <T> T await(CompletionStage<T> call, Duration timeout) throws DriverException, InterruptedException {
        try {
            return call.toCompletableFuture().get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw DriverException.unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new DriverException(FailureKind.TIMEOUT, "no answer in " + timeout);
        }
    }

    /**
     * A failure's message without the bytes the far end sent: whatever answered at a miner's
     * address (possibly not a miner at all) must not be relayed to API callers or the operation
     * log. The server log keeps the full message.
     */
    static String shareable(DriverException failure) {
        return failure.replyExcerpt().map(excerpt -> failure.getMessage().replace("; reply " + excerpt, ""))
                .orElse(failure.getMessage());
    }

    /** The problem a driver failure answers with. */
    public static ProblemException problem(Target target, DriverException failure) {
        int status = failure.kind() == FailureKind.TIMEOUT ? 504 : 502;
        return new ProblemException(status, status == 504 ? "Gateway Timeout" : "Bad Gateway",
                "Miner " + target.miner().id() + " at " + target.endpoint() + ": " + failure.kind() + " — "
                        + target.shareable(failure),
                "urn:hashgrid:problem:driver:" + failure.kind().name().toLowerCase(Locale.ROOT), List.of(), Map.of());
    }
}
