package org.hashgrid.identity.internal.jaas;

import java.security.Principal;

/**
 * Put into a console login's subject next to Karaf's user and role principals: which Hashgrid
 * account logged in. A class of its own, so that a {@code users.properties} entry named like an
 * e-mail can never pass for that account.
 *
 * @param userId the account's id
 * @param email  the account's e-mail at login
 */
public record ConsolePrincipal(String userId, String email) implements Principal {

    @Override
    public String getName() {
        return email;
    }
}
