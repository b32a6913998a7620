package org.hashgrid.identity;

import java.util.Optional;

/** Who an account id is, for modules that refer to users (miner owners, plan authors, deal owners). */
@org.osgi.annotation.versioning.ProviderType
public interface AccountDirectory {

    /** The account with {@code id}, deleted ones included; empty when there is none. */
    Optional<Account> account(String id);
}
