package org.hashgrid.identity.internal;

import org.hashgrid.core.Doc;
import org.hashgrid.identity.Account;

/** Answer of {@code POST /users} and of a password reset. */
public record CreatedAccount(Account user,
        @Doc("Shown once: the generated one-time password, to be changed at first login") String oneTimePassword) {
}
