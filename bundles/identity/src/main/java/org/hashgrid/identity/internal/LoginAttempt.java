package org.hashgrid.identity.internal;

import java.time.Instant;

import org.hashgrid.model.LoginRecord;

/** One login attempt. */
public record LoginAttempt(long id, String email, boolean success, Instant loginTime, String ipAddress,
        String location) {

    public static LoginAttempt of(LoginRecord record) {
        return new LoginAttempt(record.getId(), record.getEmail(), record.isSuccess(), record.getLoginTime(),
                record.getIpAddress(), record.getLocation());
    }
}
