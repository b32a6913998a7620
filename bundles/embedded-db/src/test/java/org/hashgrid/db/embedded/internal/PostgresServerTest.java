package org.hashgrid.db.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real server for the whole class: extract, initdb, start, SQL over TCP, take-over after a
 * "killed" Karaf, stop. Run as root (as here and in CI) this is the root case: PostgreSQL runs as nobody.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresServerTest {

    @TempDir
    static Path tmp;
    static Path karafData;
    static ServerAccount account;
    static PostgresServer server;

    @BeforeAll
    static void start() throws Exception {
        // JUnit makes tmp 0700; open it like an ordinary install folder so nobody can reach the cluster in place.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        karafData = tmp.resolve("data");
        account = ServerAccount.forThisProcess();
        server = newServer();
        server.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        assertFalse(Files.exists(server.base().resolve("data/postmaster.pid")), "postmaster.pid left behind");
    }

    static PostgresServer newServer() throws IOException {
        return new PostgresServer(PostgresBinaries.bundled(), account, karafData.resolve("postgresql"),
                karafData.resolve("log/postgresql.log"), tmp.resolve("fallback"), Duration.ofSeconds(30));
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), PostgresServer.SUPERUSER, server.password());
    }

    @Test
    @Order(1)
    void answersSqlOverLoopbackWithPassword() throws Exception {
        assertEquals(karafData.resolve("postgresql"), server.base());
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select version()")) {
            assertTrue(r.next());
            assertTrue(r.getString(1).startsWith("PostgreSQL 17."), r.getString(1));
        }
        assertThrows(SQLException.class,
                () -> DriverManager.getConnection(server.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "wrong")
                        .close());
    }

    @Test
    @Order(2)
    void createsTheDatabaseOnce() throws Exception {
        try (Connection c = connect("postgres")) {
            assertTrue(PostgresServer.createDatabaseIfAbsent(c, EmbeddedPostgres.DATABASE));
            assertFalse(PostgresServer.createDatabaseIfAbsent(c, EmbeddedPostgres.DATABASE));
        }
        try (Connection c = connect(EmbeddedPostgres.DATABASE); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select current_database(), pg_encoding_to_char(encoding) from pg_database"
                        + " where datname = current_database()")) {
            assertTrue(r.next());
            assertEquals(EmbeddedPostgres.DATABASE, r.getString(1));
            assertEquals("UTF8", r.getString(2));
        }
    }

    @Test
    @Order(3)
    void keepsThePasswordPrivateAndTheClusterWithTheServerAccount() throws Exception {
        Path passwordFile = karafData.resolve("postgresql/password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        assertTrue(server.password().length() >= 32);
        Path data = server.base().resolve("data");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals(account.name(), Files.getOwner(data, LinkOption.NOFOLLOW_LINKS).getName());
        assertFalse(Files.exists(server.base().resolve(".pwfile")), "initdb's password copy left behind");
        String log = Files.readString(karafData.resolve("log/postgresql.log"));
        assertTrue(log.contains("database system is ready to accept connections"), log);
        assertFalse(log.contains(server.password()), "password in the log");
    }

    /** Karaf killed: its server still runs. The next start must stop it and serve on a fresh port. */
    @Test
    @Order(4)
    void nextStartTakesOverFromALeftoverServer() throws Exception {
        int oldPort = server.port();
        String password = server.password();
        PostgresServer next = newServer();
        long began = System.nanoTime();
        next.start(0);
        server = next;
        System.out.printf("warm start incl. stopping the leftover: %d ms%n",
                Duration.ofNanos(System.nanoTime() - began).toMillis());
        assertNotEquals(oldPort, next.port());
        assertEquals(password, next.password());
        assertThrows(IOException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", oldPort), 500));
        try (Connection c = connect(EmbeddedPostgres.DATABASE); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select 1")) {
            assertTrue(r.next());
        }
    }
}
