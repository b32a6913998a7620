package org.hashgrid.hosting;

import java.util.List;
import java.util.Optional;

import org.hashgrid.core.Caller;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;

/**
 * The miners as other modules use them (telemetry, curtailment, the console): read and list them
 * with their operation log, sites and models, and change a miner's status with who did it and
 * why, recorded in the operation log in the same transaction and reflected in the site's
 * counters. A DS service of the hosting bundle.
 */
@org.osgi.annotation.versioning.ProviderType
public interface MinerInventory {

    /** The site with {@code id}, if it exists (every signed-in role sees sites). */
    Optional<Site> site(long id);

    /** The miner with {@code id} if the caller may see it. */
    Optional<Miner> miner(Caller caller, long id);

    /**
     * The miners the caller may see, in id order, at one site and with one status when those are
     * given (null: any); one query per page.
     *
     * @throws org.hashgrid.core.ProblemException 400 for an unknown status
     */
    Page<Miner> miners(Caller caller, Long siteId, String status, PageRequest page);

    /** How many miners {@link #miners} lists over all its pages. */
    long countMiners(Caller caller, Long siteId, String status);

    /**
     * The operation log of a miner the caller may see, newest first.
     *
     * @throws org.hashgrid.core.ProblemException 404 for an unknown or invisible miner
     */
    Page<Operation> operations(Caller caller, long minerId, PageRequest page);

    /** The miner model with {@code id}, if it exists (every signed-in role sees models). */
    Optional<MinerModelSpec> model(long id);

    /**
     * Sets the status of a miner ({@code active}, {@code offline}, {@code maintenance} or
     * {@code curtailed}); unchanged when it already has it, and then nothing is logged.
     *
     * @return the miner as it is now
     * @throws org.hashgrid.core.ProblemException 404 for an unknown or invisible miner, 400 for an unknown status
     */
    Miner changeStatus(Caller caller, long id, String status, String reason);

    /**
     * Like {@link #changeStatus}, but only when the miner's status is {@code expected} at the moment
     * of the change (decided under the miner's row lock): an automatic change such as telemetry's
     * {@code active → offline} never overrides what a person set meanwhile (maintenance, say).
     *
     * @return the miner as it is now, changed or not
     */
    Miner changeStatusFrom(Caller caller, long id, String expected, String status, String reason);

    /**
     * Every miner the platform should read now, in id order: API enabled, with an address the
     * address policy allows at this moment (policy changes apply at the next call), each with the
     * {@link org.hashgrid.driver.MinerAccess} its driver is called with (control port, credentials
     * opened now). Two queries whatever the number of miners.
     */
    List<PollTarget> pollTargets();
}
