package org.hashgrid.identity.internal;

import org.hashgrid.core.Doc;

/** Body of {@code POST /users}. */
public record NewAccount(
        @Doc("E-mail, unique among live accounts") String email,
        String name,
        @Doc("owner (owners only), admin, user, client or guest") String role,
        @Doc("Initial password; when absent a one-time password is generated and returned once") String password,
        @Doc("Owners only: take the e-mail of a deleted account") Boolean reuseDeletedEmail) {
}
