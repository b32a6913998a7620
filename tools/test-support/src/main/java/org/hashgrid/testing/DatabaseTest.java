package org.hashgrid.testing;

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
}
