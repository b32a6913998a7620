package org.hashgrid.hosting;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** An action a client asked for on its own miner, waiting for (or past) staff's decision. */
public record ActionRequest(
        long id,
        long minerId,
        @Doc("stop, start or restart") String action,
        @Doc("pending, approved (running), executed, failed, rejected or cancelled") String status,
        @Doc("Id of the client who asked") String requestedBy,
        Instant requestedAt,
        @Doc("Id of the account that approved, rejected or cancelled it") String decidedBy,
        Instant decidedAt,
        @Doc("The reason given with the decision") String decisionNote,
        @Doc("What the driver answered after approval") String result) {
}
