package org.hashgrid.identity.rest;

import java.time.Instant;

import org.hashgrid.model.LoginRecord;

/** One login attempt. */
public record LoginRecordDto(long id, String email, boolean success, Instant loginTime, String ipAddress,
        String location) {

    public static LoginRecordDto of(LoginRecord record) {
        return new LoginRecordDto(record.getId(), record.getEmail(), record.isSuccess(), record.getLoginTime(),
                record.getIpAddress(), record.getLocation());
    }
}
