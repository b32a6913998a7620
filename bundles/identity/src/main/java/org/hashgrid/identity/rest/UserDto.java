package org.hashgrid.identity.rest;

import java.time.Instant;

import org.hashgrid.api.Doc;
import org.hashgrid.model.User;

/** A user as the API shows it; the password hash never leaves the server. */
public record UserDto(
        String id,
        String email,
        String name,
        @Doc("owner, admin, user, client or guest") String role,
        @Doc("ACTIVE, SUSPENDED or DELETED") String status,
        @Doc("The password is a one-time password that must be changed first") boolean passwordChangeRequired,
        Instant createdAt,
        Instant updatedAt) {

    public static UserDto of(User user) {
        return new UserDto(user.getId(), user.getEmail(), user.getName(), user.getRole(), user.getStatus(),
                user.isMustChangePassword(), user.getCreatedAt(), user.getUpdatedAt());
    }
}
