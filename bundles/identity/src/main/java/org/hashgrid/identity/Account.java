package org.hashgrid.identity;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** An account; the password hash never leaves the identity module. */
public record Account(
        String id,
        String email,
        String name,
        @Doc("owner, admin, user, client or guest") String role,
        @Doc("ACTIVE, SUSPENDED or DELETED") String status,
        @Doc("The password is a one-time password that must be changed first") boolean passwordChangeRequired,
        Instant createdAt,
        Instant updatedAt) {

    /** Not deleted (suspended accounts still own what they own). */
    public boolean isLive() {
        return !"DELETED".equals(status);
    }
}
