package org.hashgrid.model;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A window during which a user may use the platform, table {@code user_access}. The end is
 * exclusive and {@code null} means the access does not expire. {@code grantedBy} is the id of the
 * admin who granted it ({@code null} once that user is deleted).
 */
@Entity
@Table(name = "user_access")
public class UserAccess extends GeneratedIdEntity {

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(name = "access_start_date", nullable = false)
    private Instant accessStartDate;

    @Column(name = "access_end_date")
    private Instant accessEndDate;

    @Column(name = "granted_by", updatable = false)
    private String grantedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected UserAccess() {
    }

    public UserAccess(String userId, Instant accessStartDate, Instant accessEndDate, String grantedBy) {
        this.userId = userId;
        this.accessStartDate = accessStartDate;
        this.accessEndDate = accessEndDate;
        this.grantedBy = grantedBy;
        this.createdAt = DbTime.now();
    }

    public String getUserId() {
        return userId;
    }

    public Instant getAccessStartDate() {
        return accessStartDate;
    }

    public void setAccessStartDate(Instant accessStartDate) {
        this.accessStartDate = accessStartDate;
    }

    public Instant getAccessEndDate() {
        return accessEndDate;
    }

    public void setAccessEndDate(Instant accessEndDate) {
        this.accessEndDate = accessEndDate;
    }

    public String getGrantedBy() {
        return grantedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
