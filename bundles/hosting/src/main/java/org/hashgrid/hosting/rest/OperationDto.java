package org.hashgrid.hosting.rest;

import java.time.Instant;

import org.hashgrid.api.Doc;
import org.hashgrid.model.MinerOperationLog;

/** One entry of a miner's operation log. */
public record OperationDto(long id, Long minerId,
        @Doc("start, shutdown, restart, create, update, delete, …") String operation,
        @Doc("Id of the user who did it") String performedBy,
        @Doc("What happened, including the driver's answer or failure") String details,
        Instant timestamp) {

    public static OperationDto of(MinerOperationLog entry) {
        return new OperationDto(entry.getId(), entry.getMinerId(), entry.getOperation(), entry.getPerformedBy(),
                entry.getDetails(), entry.getTimestamp());
    }
}
