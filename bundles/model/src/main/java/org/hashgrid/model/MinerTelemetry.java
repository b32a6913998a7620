package org.hashgrid.model;

import java.math.BigDecimal;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * One reading of a miner, table {@code miner_telemetry}; immutable. Hashrate in TH/s, temperature
 * in °C, power consumption in W, fan speed in RPM; a measure is {@code null} when the driver
 * could not read it.
 *
 * <p>The table is range-partitioned by month on {@code recorded_at}; its primary key is
 * {@code (id, recorded_at)}, of which the entity uses the id alone (unique on its own). Query by
 * {@code minerId} and a {@code recordedAt} range so PostgreSQL prunes partitions. The ingest path
 * writes in bulk with {@code COPY} into the parent table, not through this entity.
 */
@Entity
@Table(name = "miner_telemetry")
public class MinerTelemetry extends GeneratedIdEntity {

    @Column(name = "miner_id", nullable = false, updatable = false)
    private Long minerId;

    @Column(name = "hashrate", precision = 12, scale = 3, updatable = false)
    private BigDecimal hashrate;

    @Column(name = "temperature", precision = 5, scale = 2, updatable = false)
    private BigDecimal temperature;

    @Column(name = "power_consumption", precision = 12, scale = 2, updatable = false)
    private BigDecimal powerConsumption;

    @Column(name = "fan_speed", updatable = false)
    private Integer fanSpeed;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected MinerTelemetry() {
    }

    /** A reading: hashrate TH/s, temperature °C, power W, fan speed RPM ({@code null} if unread). */
    public MinerTelemetry(Long minerId, Instant recordedAt, BigDecimal hashrate, BigDecimal temperature,
            BigDecimal powerConsumption, Integer fanSpeed) {
        this.minerId = minerId;
        this.recordedAt = recordedAt;
        this.hashrate = hashrate;
        this.temperature = temperature;
        this.powerConsumption = powerConsumption;
        this.fanSpeed = fanSpeed;
    }

    public Long getMinerId() {
        return minerId;
    }

    /** Hashrate in TH/s. */
    public BigDecimal getHashrate() {
        return hashrate;
    }

    /** Temperature in °C. */
    public BigDecimal getTemperature() {
        return temperature;
    }

    /** Power consumption in W. */
    public BigDecimal getPowerConsumption() {
        return powerConsumption;
    }

    /** Fan speed in RPM. */
    public Integer getFanSpeed() {
        return fanSpeed;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
