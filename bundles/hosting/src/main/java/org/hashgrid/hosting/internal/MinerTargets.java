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
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.hosting.Miner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Finds the driver and endpoint of a miner the caller may see, and waits for driver calls with
 * the answers every caller gives: 409 without an allowed address, 503 without the driver, and
 * driver failures as 502 (504 for timeouts) naming the {@link FailureKind}.
 */
@Component(service = MinerTargets.class)
public class MinerTargets {

    /** A miner ready to be talked to. */
    public record Target(Miner miner, MinerDriver driver, MinerEndpoint endpoint) {
    }

    private final MinerService miners;
    private final DriverRegistry drivers;
    private final MinerAddressPolicy policy;

    @Activate
    public MinerTargets(@Reference MinerService miners, @Reference DriverRegistry drivers,
            @Reference MinerAddressPolicy policy) {
        this.miners = miners;
        this.drivers = drivers;
        this.policy = policy;
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
        return new Target(miner, driver, new MinerEndpoint(miner.cgminerIp(), miner.cgminerPort()));
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
    public static String shareable(DriverException failure) {
        return failure.replyExcerpt().map(excerpt -> failure.getMessage().replace("; reply " + excerpt, ""))
                .orElse(failure.getMessage());
    }

    /** The problem a driver failure answers with. */
    public static ProblemException problem(Target target, DriverException failure) {
        int status = failure.kind() == FailureKind.TIMEOUT ? 504 : 502;
        return new ProblemException(status, status == 504 ? "Gateway Timeout" : "Bad Gateway",
                "Miner " + target.miner().id() + " at " + target.endpoint() + ": " + failure.kind() + " — "
                        + shareable(failure),
                "urn:hashgrid:problem:driver:" + failure.kind().name().toLowerCase(Locale.ROOT), List.of(), Map.of());
    }
}
