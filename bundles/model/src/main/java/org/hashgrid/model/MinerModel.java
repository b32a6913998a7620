package org.hashgrid.model;

import java.math.BigDecimal;
import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A miner model's nominal specification, table {@code miner_models}; the name is unique.
 * Hashrate in TH/s, power consumption in W, efficiency in J/TH, MSRP in USD.
 */
@Entity
@Table(name = "miner_models")
public class MinerModel extends GeneratedIdEntity {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "manufacturer", nullable = false)
    private String manufacturer;

    @Column(name = "hashrate", nullable = false, precision = 12, scale = 3)
    private BigDecimal hashrate;

    @Column(name = "power_consumption", nullable = false, precision = 12, scale = 2)
    private BigDecimal powerConsumption;

    @Column(name = "efficiency", precision = 8, scale = 2)
    private BigDecimal efficiency;

    @Column(name = "release_date")
    private LocalDate releaseDate;

    @Column(name = "msrp", precision = 14, scale = 2)
    private BigDecimal msrp;

    protected MinerModel() {
    }

    /** A model with its nominal hashrate (TH/s) and power consumption (W). */
    public MinerModel(String name, String manufacturer, BigDecimal hashrate, BigDecimal powerConsumption) {
        this.name = name;
        this.manufacturer = manufacturer;
        this.hashrate = hashrate;
        this.powerConsumption = powerConsumption;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getManufacturer() {
        return manufacturer;
    }

    public void setManufacturer(String manufacturer) {
        this.manufacturer = manufacturer;
    }

    /** Nominal hashrate in TH/s. */
    public BigDecimal getHashrate() {
        return hashrate;
    }

    public void setHashrate(BigDecimal hashrate) {
        this.hashrate = hashrate;
    }

    /** Nominal power consumption in W. */
    public BigDecimal getPowerConsumption() {
        return powerConsumption;
    }

    public void setPowerConsumption(BigDecimal powerConsumption) {
        this.powerConsumption = powerConsumption;
    }

    /** Efficiency in J/TH as published by the manufacturer, or {@code null}. */
    public BigDecimal getEfficiency() {
        return efficiency;
    }

    public void setEfficiency(BigDecimal efficiency) {
        this.efficiency = efficiency;
    }

    public LocalDate getReleaseDate() {
        return releaseDate;
    }

    public void setReleaseDate(LocalDate releaseDate) {
        this.releaseDate = releaseDate;
    }

    /** Manufacturer's suggested retail price in USD, or {@code null}. */
    public BigDecimal getMsrp() {
        return msrp;
    }

    public void setMsrp(BigDecimal msrp) {
        this.msrp = msrp;
    }
}
