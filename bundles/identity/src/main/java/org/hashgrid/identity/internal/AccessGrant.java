package org.hashgrid.identity.internal;

import java.time.Instant;

import org.hashgrid.model.UserAccess;

/** An access window of a user. */
public record AccessGrant(long id, String userId, Instant accessStartDate, Instant accessEndDate, String grantedBy,
        Instant createdAt) {

    public static AccessGrant of(UserAccess access) {
        return new AccessGrant(access.getId(), access.getUserId(), access.getAccessStartDate(),
                access.getAccessEndDate(), access.getGrantedBy(), access.getCreatedAt());
    }
}
