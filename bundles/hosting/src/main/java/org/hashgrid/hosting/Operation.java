package org.hashgrid.hosting;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** One entry of a miner's operation log. */
public record Operation(long id, Long minerId,
        @Doc("start, shutdown, restart, create, update, delete, …") String operation,
        @Doc("Id of the user who did it; absent when the platform did it (poller, scheduler)") String performedBy,
        @Doc("What happened, including the driver's answer or failure") String details,
        Instant timestamp) {
}
