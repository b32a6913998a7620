package org.hashgrid.model;

import java.math.BigDecimal;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A hosting site, table {@code hosting_sites}. Power capacity in MW; {@code totalMiners} and
 * {@code activeMiners} are counters kept by the hosting service ({@code 0 <= active <= total}).
 */
@Entity
@Table(name = "hosting_sites")
public class HostingSite extends GeneratedIdEntity {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "location")
    private String location;

    @Column(name = "capacity_mw", nullable = false, precision = 10, scale = 3)
    private BigDecimal capacityMw;

    @Column(name = "total_miners", nullable = false)
    private int totalMiners;

    @Column(name = "active_miners", nullable = false)
    private int activeMiners;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected HostingSite() {
    }

    /** A new site without miners; capacity in MW. */
    public HostingSite(String name, String location, BigDecimal capacityMw) {
        this.name = name;
        this.location = location;
        this.capacityMw = capacityMw;
        this.createdAt = DbTime.now();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    /** Power capacity in MW. */
    public BigDecimal getCapacityMw() {
        return capacityMw;
    }

    public void setCapacityMw(BigDecimal capacityMw) {
        this.capacityMw = capacityMw;
    }

    public int getTotalMiners() {
        return totalMiners;
    }

    public void setTotalMiners(int totalMiners) {
        this.totalMiners = totalMiners;
    }

    public int getActiveMiners() {
        return activeMiners;
    }

    public void setActiveMiners(int activeMiners) {
        this.activeMiners = activeMiners;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
