package org.hashgrid.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.hashgrid.model.persistence.Transactions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of a module's service tests: a database of the test class's own, migrated to the current
 * schema, the persistence unit's {@link Transactions} on it, and {@link TestCallers} to act as.
 * Build the services under test in a {@code @BeforeAll} of the subclass (it runs after this
 * one); the database is dropped after the class.
 */
public abstract class DatabaseTest {
    protected static MigratedDatabase db;
    protected static Transactions tx;
    protected static TestCallers callers;

    @BeforeAll
    static void openDatabase(TestInfo test) throws Exception {
        db = new MigratedDatabase(test.getTestClass().map(Class::getSimpleName).orElse("test"));
        tx = db.transactions();
        callers = TestCallers.create(db);
    }

    @AfterAll
    static void closeDatabase() throws Exception {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    /** Runs {@code statement} on the test's database in a transaction of its own. */
    protected static void executeSql(String statement) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    /** The first row's columns of {@code query} as text (nulls as null), empty without rows. */
    protected static List<String> selectRow(String query) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery(query)) {
            List<String> row = new ArrayList<>();
            if (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.add(rows.getString(i));
                }
            }
            return row;
        }
    }

    /** The first column of the first row of {@code query} as text, e.g. an id {@code RETURNING}. */
    protected static String selectText(String query) throws SQLException {
        List<String> row = selectRow(query);
        if (row.isEmpty()) {
            throw new SQLException("no row: " + query);
        }
        return row.get(0);
    }

    /** {@link #selectText} as a whole number (a count, a sum, the id of an {@code INSERT … RETURNING id}); a fraction is an error. */
    protected static long selectLong(String query) throws SQLException {
        return new java.math.BigDecimal(selectText(query)).longValueExact();
    }
}
