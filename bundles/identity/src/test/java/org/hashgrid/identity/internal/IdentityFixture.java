package org.hashgrid.identity.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.hashgrid.core.Caller;
import org.hashgrid.identity.Account;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.MigratedDatabase;

/**
 * The identity services on a database of their own, with a first owner, for tests of the
 * packages that build on them (console login, shell commands).
 */
public final class IdentityFixture implements AutoCloseable {
    public static final String PASSWORD = "violet-anchor-92-quarry";

    private final MigratedDatabase db;
    private final LoginService logins;
    private final UserService users;
    private final Caller owner;

    public IdentityFixture(String purpose) throws Exception {
        db = new MigratedDatabase(purpose);
        IdentityConfig config = Configs.of(IdentityConfig.class, Map.of());
        PasswordService passwords = new PasswordService(12);
        TokenService tokens = new TokenService(config, db.transactions());
        logins = new LoginService(config, db.transactions(), tokens, passwords);
        users = new UserService(db.transactions(), passwords, tokens);
        Account first = users.createFirstOwner("owner@example.com", "Owner", PASSWORD);
        owner = new Caller(first.id(), first.email(), first.role(), false);
    }

    public LoginService logins() {
        return logins;
    }

    public UserService users() {
        return users;
    }

    /** The {@code AccountDirectory} other modules (and the console commands) see. */
    public Accounts accounts() {
        return new Accounts(db.transactions());
    }

    public Caller owner() {
        return owner;
    }

    /** A new active account with {@link #PASSWORD}. */
    public Account user(String email, String role) {
        return users.create(owner, new NewAccount(email, "Name", role, PASSWORD, null)).user();
    }

    /** The first column of the first row of a query, as text. */
    public String single(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
