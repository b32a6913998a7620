package org.hashgrid.identity.rest;

import org.hashgrid.api.Doc;

/** Answer of {@code POST /users} and of a password reset. */
public record CreatedUser(UserDto user,
        @Doc("Shown once: the generated one-time password, to be changed at first login") String oneTimePassword) {
}
