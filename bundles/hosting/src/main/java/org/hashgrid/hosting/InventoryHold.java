package org.hashgrid.hosting;

import java.util.Optional;

/**
 * A module's hold on inventory it refers to. Register an implementation as a DS service: before
 * a site or miner is deleted, hosting asks every hold, inside the deleting transaction, and a
 * hold that answers a reason turns the delete into a 409 with that reason (curtailment keeps the
 * miners and sites of its plans for their history, for example).
 */
@org.osgi.annotation.versioning.ConsumerType
public interface InventoryHold {

    /** Why site {@code siteId} must stay, or empty. */
    default Optional<String> holdsSite(long siteId) {
        return Optional.empty();
    }

    /** Why miner {@code minerId} must stay, or empty. */
    default Optional<String> holdsMiner(long minerId) {
        return Optional.empty();
    }
}
