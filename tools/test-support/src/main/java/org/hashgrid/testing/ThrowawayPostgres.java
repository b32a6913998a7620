package org.hashgrid.testing;

import java.nio.file.Path;

import org.hashgrid.db.embedded.internal.StandalonePostgres;

/**
 * A PostgreSQL for this test JVM when no server is configured or listening: the platform's own
 * embedded server, in {@code target/test-postgres}, stopped when the JVM exits.
 */
record ThrowawayPostgres(int port, String user, String password) {

    static ThrowawayPostgres start() {
        try {
            StandalonePostgres server = StandalonePostgres.start(Path.of("target", "test-postgres").toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("Could not stop the test PostgreSQL: " + e.getMessage());
                }
            }, "stop-test-postgres"));
            return new ThrowawayPostgres(server.port(), server.user(), server.password());
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL at HASHGRID_TEST_DB_URL or 127.0.0.1:5432, and the "
                    + "embedded one could not start", e);
        }
    }
}
