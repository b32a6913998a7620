package org.hashgrid.model;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * Credentials of miners' control API, table {@code miner_credentials}: for one miner
 * ({@code minerId}), or for the miners of one site that use one driver ({@code siteId} and
 * {@code driver}); exactly one scope per row, one row per scope. The password is only ever held
 * sealed ({@code passwordEncrypted}, opened with the key {@code keyId} names, bound to
 * {@link #scope()}). Owned by hosting.
 */
@Entity
@Table(name = "miner_credentials")
public class MinerCredential extends GeneratedIdEntity {

    @Column(name = "miner_id", updatable = false)
    private Long minerId;

    @Column(name = "site_id", updatable = false)
    private Long siteId;

    @Column(name = "driver", updatable = false)
    private String driver;

    @Column(name = "username", nullable = false)
    private String username;

    @Column(name = "password_encrypted", nullable = false)
    private byte[] passwordEncrypted;

    @Column(name = "key_id", nullable = false)
    private String keyId;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    protected MinerCredential() {
    }

    /** Credentials of one miner. */
    public static MinerCredential ofMiner(long minerId) {
        MinerCredential credential = new MinerCredential();
        credential.minerId = minerId;
        return credential;
    }

    /** Credentials of the miners of a site that use {@code driver}. */
    public static MinerCredential ofSite(long siteId, String driver) {
        MinerCredential credential = new MinerCredential();
        credential.siteId = siteId;
        credential.driver = driver;
        return credential;
    }

    /** The row's scope, the context its password is sealed with. */
    public String scope() {
        return scope(minerId, siteId, driver);
    }

    /** {@code miner_credentials:miner:<id>} or {@code miner_credentials:site:<id>:<driver>}. */
    public static String scope(Long minerId, Long siteId, String driver) {
        return minerId != null ? "miner_credentials:miner:" + minerId
                : "miner_credentials:site:" + siteId + ":" + driver;
    }

    /** New credentials, set by {@code updatedBy} (null: the platform) now. */
    public void set(String username, byte[] passwordEncrypted, String keyId, String updatedBy) {
        this.username = username;
        this.passwordEncrypted = passwordEncrypted.clone();
        this.keyId = keyId;
        this.updatedBy = updatedBy;
        this.updatedAt = DbTime.now();
    }

    /** The password sealed again with another key: who set it and when stay. */
    public void reseal(byte[] passwordEncrypted, String keyId) {
        this.passwordEncrypted = passwordEncrypted.clone();
        this.keyId = keyId;
    }

    public Long getMinerId() {
        return minerId;
    }

    public Long getSiteId() {
        return siteId;
    }

    public String getDriver() {
        return driver;
    }

    public String getUsername() {
        return username;
    }

    public byte[] getPasswordEncrypted() {
        return passwordEncrypted.clone();
    }

    public String getKeyId() {
        return keyId;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }
}
