package org.hashgrid.hosting;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** An action a client asked for on its own miner, waiting for (or past) staff's decision. */
public record ActionRequest(
        long id,
        long minerId,
        @Doc("stop, start, restart or set_mode") String action,
        @Doc("pending, approved (running), executed, failed, rejected or cancelled") String status,
        @Doc("Id of the client who asked") String requestedBy,
        Instant requestedAt,
        @Doc("Id of the account that approved, rejected or cancelled it") String decidedBy,
        Instant decidedAt,
        @Doc("The reason given with the decision") String decisionNote,
        @Doc("What the driver answered after approval") String result,
        @Doc("For set_mode: normal, low_power or high_performance") String mode) {

    /** The 1.4 constructor, kept for binary compatibility: no mode. */
    public ActionRequest(long id, long minerId, String action, String status, String requestedBy, Instant requestedAt,
            String decidedBy, Instant decidedAt, String decisionNote, String result) {
        this(id, minerId, action, status, requestedBy, requestedAt, decidedBy, decidedAt, decisionNote, result, null);
    }
}
