package org.hashgrid.identity.internal;

import org.hashgrid.identity.Account;
import org.hashgrid.model.User;

/** Identity's entities as the records services hand out; entities never leave a transaction. */
final class Records {
    private Records() {
    }

    static Account account(User user) {
        return new Account(user.getId(), user.getEmail(), user.getName(), user.getRole(), user.getStatus(),
                user.isMustChangePassword(), user.getCreatedAt(), user.getUpdatedAt());
    }
}
