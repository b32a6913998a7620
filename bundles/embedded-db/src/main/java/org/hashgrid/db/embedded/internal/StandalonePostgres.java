package org.hashgrid.db.embedded.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded server outside OSGi, for tools and tests that need a PostgreSQL where none
 * runs: same binaries, same root handling as the bundle. Not part of any bundle API.
 */
public final class StandalonePostgres implements AutoCloseable {
    private final PostgresServer server;

    private StandalonePostgres(PostgresServer server) {
        this.server = server;
    }

    /** Creates (or reuses) a cluster under {@code home} and starts it on a free loopback port. */
    public static StandalonePostgres start(Path home) throws IOException, InterruptedException {
        if (!PostgresBinaries.runOn(System.getProperty("os.name"), System.getProperty("os.arch"))) {
            throw new IOException("The embedded PostgreSQL runs on Linux x86-64 only");
        }
        PostgresServer server = new PostgresServer(PostgresBinaries.bundled(), ServerAccount.forThisProcess(), home,
                home.resolve("postgresql.log"), Path.of("/var/tmp"), Duration.ofSeconds(60));
        server.start(0);
        return new StandalonePostgres(server);
    }

    public int port() {
        return server.port();
    }

    public String user() {
        return PostgresServer.SUPERUSER;
    }

    public String password() {
        return server.password();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.stop();
    }
}
