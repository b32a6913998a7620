package org.hashgrid.identity.rest;

import org.hashgrid.core.Doc;

/** Body of {@code POST /auth/setup}: creates the first owner on an empty platform. */
public record OwnerSetup(@Doc("The one-time setup secret printed to the log at start") String setupSecret,
        String email, String name, String password) {
    @Override
    public String toString() {
        return "OwnerSetup[" + email + "]";
    }
}
