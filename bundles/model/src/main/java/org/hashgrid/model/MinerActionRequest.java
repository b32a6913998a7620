package org.hashgrid.model;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * An action a client asked for on its own miner, table {@code miner_action_requests}: pending
 * until staff approve it (then {@code approved} while the driver runs it, and {@code executed}
 * or {@code failed}) or reject it; the requester may cancel it while it is pending. Owned by
 * hosting.
 */
@Entity
@Table(name = "miner_action_requests")
public class MinerActionRequest extends GeneratedIdEntity {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String EXECUTED = "executed";
    public static final String FAILED = "failed";
    public static final String REJECTED = "rejected";
    public static final String CANCELLED = "cancelled";

    @Column(name = "miner_id", nullable = false, updatable = false)
    private long minerId;

    @Column(name = "action", nullable = false, updatable = false)
    private String action;

    @Column(name = "mode", updatable = false)
    private String mode;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "requested_by", updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_note")
    private String decisionNote;

    @Column(name = "result")
    private String result;

    protected MinerActionRequest() {
    }

    public MinerActionRequest(long minerId, String action, String requestedBy) {
        this(minerId, action, null, requestedBy);
    }

    /** A request for {@code action}; {@code mode} (normal, low_power, high_performance) exactly for set_mode. */
    public MinerActionRequest(long minerId, String action, String mode, String requestedBy) {
        this.minerId = minerId;
        this.action = action;
        this.mode = mode;
        this.requestedBy = requestedBy;
        this.status = PENDING;
        this.requestedAt = DbTime.now();
    }

    public long getMinerId() {
        return minerId;
    }

    public String getAction() {
        return action;
    }

    /** The mode a {@code set_mode} request switches to; null for the other actions. */
    public String getMode() {
        return mode;
    }

    public String getStatus() {
        return status;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecisionNote() {
        return decisionNote;
    }

    public String getResult() {
        return result;
    }

    /** Staff's decision (or the requester's cancellation): {@code status} from now on. */
    public void decide(String status, String decidedBy, String note) {
        this.status = status;
        this.decidedBy = decidedBy;
        this.decisionNote = note;
        this.decidedAt = DbTime.now();
    }

    /** What the driver answered after approval: {@link #EXECUTED} or {@link #FAILED}. */
    public void finish(String status, String result) {
        this.status = status;
        this.result = result;
    }
}
