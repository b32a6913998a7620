package org.hashgrid.driver;

import java.util.Objects;

/**
 * What a firmware's control API asks a client to prove: a user name (empty where the firmware has
 * none, e.g. VNish) and a password. {@link #toString()} never shows the password, so credentials
 * may be logged by accident without leaking.
 *
 * @param username the account, possibly empty
 * @param password the secret, possibly empty (some firmwares ship with none)
 */
public record MinerCredentials(String username, String password) {

    public MinerCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "MinerCredentials[username=" + username + ", password=***]";
    }
}
