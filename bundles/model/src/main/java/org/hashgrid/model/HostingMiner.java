package org.hashgrid.model;

import java.time.Instant;
import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.PreUpdate;
import javax.persistence.Table;

/**
 * A miner hosted at a site, table {@code hosting_miners}; the serial number is unique.
 * {@code status} holds a {@link MinerStatus} database value. {@code driver} names the miner-driver
 * service ({@code hashgrid.driver=<id>}) used to reach the miner at {@code cgminerIp:cgminerPort}
 * (and its control API at {@code controlPort}, when not the firmware's standard port).
 * {@code clientId} is the owning client user, {@code null} for operator-owned miners.
 */
@Entity
@Table(name = "hosting_miners")
public class HostingMiner extends GeneratedIdEntity {

    /** The driver of a miner unless told otherwise. */
    public static final String DEFAULT_DRIVER = "cgminer";

    /** The CGMiner API's standard TCP port. */
    public static final int DEFAULT_CGMINER_PORT = 4028;

    @Column(name = "serial_number", nullable = false)
    private String serialNumber;

    @Column(name = "miner_model_id", nullable = false)
    private Long minerModelId;

    @Column(name = "site_id", nullable = false)
    private Long siteId;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "cgminer_ip")
    private String cgminerIp;

    @Column(name = "cgminer_port", nullable = false)
    private int cgminerPort;

    @Column(name = "cgminer_enabled", nullable = false)
    private boolean cgminerEnabled;

    @Column(name = "driver", nullable = false)
    private String driver;

    @Column(name = "control_port")
    private Integer controlPort;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "purchase_date")
    private LocalDate purchaseDate;

    @Column(name = "warranty_expiry")
    private LocalDate warrantyExpiry;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected HostingMiner() {
    }

    /**
     * A new active, operator-owned miner with polling enabled, driven by {@value #DEFAULT_DRIVER}
     * on port {@value #DEFAULT_CGMINER_PORT}.
     */
    public HostingMiner(String serialNumber, Long minerModelId, Long siteId) {
        this.serialNumber = serialNumber;
        this.minerModelId = minerModelId;
        this.siteId = siteId;
        this.status = MinerStatus.ACTIVE.dbValue();
        this.cgminerPort = DEFAULT_CGMINER_PORT;
        this.cgminerEnabled = true;
        this.driver = DEFAULT_DRIVER;
        this.createdAt = DbTime.now();
        this.updatedAt = createdAt;
    }

    @PreUpdate
    void touch() {
        updatedAt = DbTime.now();
    }

    public String getSerialNumber() {
        return serialNumber;
    }

    public void setSerialNumber(String serialNumber) {
        this.serialNumber = serialNumber;
    }

    public Long getMinerModelId() {
        return minerModelId;
    }

    public void setMinerModelId(Long minerModelId) {
        this.minerModelId = minerModelId;
    }

    public Long getSiteId() {
        return siteId;
    }

    public void setSiteId(Long siteId) {
        this.siteId = siteId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCgminerIp() {
        return cgminerIp;
    }

    public void setCgminerIp(String cgminerIp) {
        this.cgminerIp = cgminerIp;
    }

    public int getCgminerPort() {
        return cgminerPort;
    }

    public void setCgminerPort(int cgminerPort) {
        this.cgminerPort = cgminerPort;
    }

    /** Whether the poller reads this miner's telemetry. */
    public boolean isCgminerEnabled() {
        return cgminerEnabled;
    }

    public void setCgminerEnabled(boolean cgminerEnabled) {
        this.cgminerEnabled = cgminerEnabled;
    }

    public String getDriver() {
        return driver;
    }

    public void setDriver(String driver) {
        this.driver = driver;
    }

    /** The port of the firmware's control API when it is not the firmware's standard one; null otherwise. */
    public Integer getControlPort() {
        return controlPort;
    }

    public void setControlPort(Integer controlPort) {
        this.controlPort = controlPort;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public LocalDate getPurchaseDate() {
        return purchaseDate;
    }

    public void setPurchaseDate(LocalDate purchaseDate) {
        this.purchaseDate = purchaseDate;
    }

    public LocalDate getWarrantyExpiry() {
        return warrantyExpiry;
    }

    public void setWarrantyExpiry(LocalDate warrantyExpiry) {
        this.warrantyExpiry = warrantyExpiry;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
