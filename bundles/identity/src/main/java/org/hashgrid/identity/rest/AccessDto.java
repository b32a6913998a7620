package org.hashgrid.identity.rest;

import java.time.Instant;

import org.hashgrid.model.UserAccess;

/** An access window of a user. */
public record AccessDto(long id, String userId, Instant accessStartDate, Instant accessEndDate, String grantedBy,
        Instant createdAt) {

    public static AccessDto of(UserAccess access) {
        return new AccessDto(access.getId(), access.getUserId(), access.getAccessStartDate(),
                access.getAccessEndDate(), access.getGrantedBy(), access.getCreatedAt());
    }
}
