package org.hashgrid.identity.internal;

import java.util.Optional;

import org.hashgrid.identity.Account;
import org.hashgrid.identity.AccountDirectory;
import org.hashgrid.model.User;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link AccountDirectory} other modules use; joins the caller's transaction when there is one. */
@Component(service = AccountDirectory.class)
public class Accounts implements AccountDirectory {
    private final Transactions tx;

    @Activate
    public Accounts(@Reference Transactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Account> account(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return tx.call(em -> Optional.ofNullable(em.find(User.class, id)).map(Records::account));
    }
}
