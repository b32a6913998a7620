package org.hashgrid.model;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * One operation on a miner, table {@code miner_operation_log}; immutable audit entry.
 * {@code operation} holds an {@link OperationType} database value. {@code minerId} and
 * {@code performedBy} become {@code null} when the miner or user is deleted ({@code performedBy}
 * is also {@code null} for system actions), so {@code details} should name the miner's serial
 * number. Kept for one year.
 */
@Entity
@Table(name = "miner_operation_log")
public class MinerOperationLog extends GeneratedIdEntity {

    @Column(name = "miner_id", updatable = false)
    private Long minerId;

    @Column(name = "operation", nullable = false, updatable = false)
    private String operation;

    @Column(name = "performed_by", updatable = false)
    private String performedBy;

    @Column(name = "details", updatable = false)
    private String details;

    /** The column is named {@code timestamp}, quoted because it is an SQL keyword. */
    @Column(name = "\"timestamp\"", nullable = false, updatable = false)
    private Instant timestamp;

    protected MinerOperationLog() {
    }

    /** An operation performed now; {@code performedBy} is {@code null} for system actions. */
    public MinerOperationLog(Long minerId, String operation, String performedBy, String details) {
        this.minerId = minerId;
        this.operation = operation;
        this.performedBy = performedBy;
        this.details = details;
        this.timestamp = DbTime.now();
    }

    public Long getMinerId() {
        return minerId;
    }

    public String getOperation() {
        return operation;
    }

    public String getPerformedBy() {
        return performedBy;
    }

    public String getDetails() {
        return details;
    }

    public Instant getTimestamp() {
        return timestamp;
    }
}
