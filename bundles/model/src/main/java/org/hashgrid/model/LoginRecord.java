package org.hashgrid.model;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * One login attempt, table {@code login_records}; immutable. Keyed by the e-mail that was typed,
 * so attempts for unknown addresses are recorded too. Kept for one year.
 */
@Entity
@Table(name = "login_records")
public class LoginRecord extends GeneratedIdEntity {

    @Column(name = "email", nullable = false, updatable = false)
    private String email;

    @Column(name = "success", nullable = false, updatable = false)
    private boolean success;

    @Column(name = "login_time", nullable = false, updatable = false)
    private Instant loginTime;

    @Column(name = "ip_address", updatable = false)
    private String ipAddress;

    @Column(name = "location", updatable = false)
    private String location;

    protected LoginRecord() {
    }

    /** An attempt made now. */
    public LoginRecord(String email, boolean success, String ipAddress, String location) {
        this.email = email;
        this.success = success;
        this.loginTime = DbTime.now();
        this.ipAddress = ipAddress;
        this.location = location;
    }

    public String getEmail() {
        return email;
    }

    public boolean isSuccess() {
        return success;
    }

    public Instant getLoginTime() {
        return loginTime;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public String getLocation() {
        return location;
    }
}
