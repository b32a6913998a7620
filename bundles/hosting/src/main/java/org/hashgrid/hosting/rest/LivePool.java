package org.hashgrid.hosting.rest;

import org.hashgrid.core.Doc;
import org.hashgrid.driver.PoolReading;

/** One configured pool of a {@link LiveReading}. Absent values are null. */
public record LivePool(
        @Doc("The pool's place in the firmware's list") int index,
        String url,
        @Doc("Worker name") String user,
        @Doc("The firmware's word for the pool's state, e.g. Alive, Dead") String status,
        @Doc("Failover priority, 0 first") Integer priority,
        @Doc("Whether the miner hashes on this pool now") Boolean active,
        Long accepted,
        Long rejected,
        Long stale) {

    static LivePool of(PoolReading p) {
        return new LivePool(p.index(), p.url(), p.user().orElse(null), p.status().orElse(null),
                p.priority().isPresent() ? p.priority().getAsInt() : null, p.active().orElse(null),
                p.accepted().isPresent() ? p.accepted().getAsLong() : null,
                p.rejected().isPresent() ? p.rejected().getAsLong() : null,
                p.stale().isPresent() ? p.stale().getAsLong() : null);
    }
}
