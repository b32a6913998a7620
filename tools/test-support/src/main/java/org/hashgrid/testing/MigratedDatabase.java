package org.hashgrid.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;

import org.hashgrid.model.internal.SchemaMigrator;
import org.hashgrid.model.internal.UnitTransactions;
import org.hashgrid.model.persistence.Transactions;

/**
 * A fresh test database migrated to the current schema, with the {@code hashgrid} persistence
 * unit running on it outside OSGi, and a count of the statements sent, to prove list queries
 * are not N+1. Close it to drop the database.
 */
public final class MigratedDatabase implements AutoCloseable {
    private final TestPostgres.Database database;
    private final AtomicInteger statements = new AtomicInteger();
    private final DataSource dataSource;
    private final EntityManagerFactory emf;
    private final Transactions transactions;

    public MigratedDatabase(String purpose) throws Exception {
        database = TestPostgres.createDatabase(purpose);
        dataSource = countingDataSource();
        SchemaMigrator.migrate(dataSource);
        emf = Persistence.createEntityManagerFactory("hashgrid", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.weaving", "false",
                "eclipselink.logging.level", "WARNING"));
        transactions = new UnitTransactions(emf);
    }

    public TestPostgres.Database database() {
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The unit's {@link Transactions}, the same implementation services get in OSGi. */
    public Transactions transactions() {
        return transactions;
    }

    /** Statements prepared or created since the last reset. */
    public int statementCount() {
        return statements.get();
    }

    public void resetStatementCount() {
        statements.set(0);
    }

    @Override
    public void close() throws SQLException {
        emf.close();
        TestPostgres.dropDatabase(database);
    }

    private DataSource countingDataSource() {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return counting(database.connect());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    private Connection counting(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall")) {
                statements.incrementAndGet();
            }
            try {
                return method.invoke(connection, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] { Connection.class }, handler);
    }
}
