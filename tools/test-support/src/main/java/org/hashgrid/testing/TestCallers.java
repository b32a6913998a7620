package org.hashgrid.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import org.hashgrid.core.Caller;
import org.hashgrid.core.Roles;

/**
 * Ready callers for service tests, each a real row of {@code users} (so foreign keys to users
 * hold): an owner, an admin, a staff user, two clients, and a system caller.
 */
public record TestCallers(Caller owner, Caller admin, Caller staff, Caller clientA, Caller clientB, Caller system) {

    /** Inserts the five accounts into the database and returns their callers. */
    public static TestCallers create(MigratedDatabase db) throws SQLException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = db.dataSource().getConnection()) {
            return new TestCallers(
                    account(connection, "owner-" + tag + "@example.com", Roles.OWNER),
                    account(connection, "admin-" + tag + "@example.com", Roles.ADMIN),
                    account(connection, "staff-" + tag + "@example.com", Roles.USER),
                    account(connection, "client-a-" + tag + "@example.com", Roles.CLIENT),
                    account(connection, "client-b-" + tag + "@example.com", Roles.CLIENT),
                    Caller.system("test"));
        }
    }

    private static Caller account(Connection connection, String email, String role) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into users (id, email, password_hash, role, name) values (?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, email);
            // not a usable hash: these accounts never log in, services take their callers directly
            insert.setString(3, "!test-account");
            insert.setString(4, role);
            insert.setString(5, role + " " + email);
            insert.executeUpdate();
        }
        return new Caller(id, email, role, false);
    }
}
