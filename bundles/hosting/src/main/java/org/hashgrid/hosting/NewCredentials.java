package org.hashgrid.hosting;

import org.hashgrid.core.Doc;

/**
 * Credentials of a firmware's control API as given ({@code PUT …/credentials}). {@link #toString()}
 * never shows the password.
 */
public record NewCredentials(
        @Doc("The account, e.g. root; empty or absent where the firmware has none, at most 64 characters") String username,
        @Doc("The password, 1-256 characters without control characters; stored encrypted, never returned") String password) {

    @Override
    public String toString() {
        return "NewCredentials[username=" + username + ", password=***]";
    }
}
