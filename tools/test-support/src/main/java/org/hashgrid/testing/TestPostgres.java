package org.hashgrid.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use, found in this order: {@code HASHGRID_TEST_DB_URL} (a
 * JDBC URL of a database on which the tests may {@code CREATE DATABASE}, with {@code user} and
 * {@code password} as URL parameters when needed), then a server on 127.0.0.1:5432 when one
 * answers, else a throwaway server started for this JVM by {@link ThrowawayPostgres} (also
 * chosen by {@code HASHGRID_TEST_DB_URL=embedded}). Each
 * test class gets databases of its own, so runs never see each other's rows.
 */
public final class TestPostgres {
    private static final String ENV_URL = "HASHGRID_TEST_DB_URL";
    /** {@code HASHGRID_TEST_DB_URL=embedded} skips the local server and starts the throwaway one. */
    private static final String EMBEDDED = "embedded";
    private static Server server;

    /** Where a database lives: its JDBC URL and credentials. */
    public record Database(String name, String url, String user, String password) {
        public Connection connect() throws SQLException {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            return DriverManager.getConnection(url, properties);
        }
    }

    private record Server(String host, int port, String adminDatabase, String user, String password) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private TestPostgres() {
    }

    /** Creates an empty database named after {@code purpose} plus a random suffix. */
    public static synchronized Database createDatabase(String purpose) throws SQLException {
        Server s = server();
        String name = ("hashgrid_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        Database admin = new Database(s.adminDatabase(), s.url(s.adminDatabase()), s.user(), s.password());
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        Database created = new Database(name, s.url(name), s.user(), s.password());
        if (created.name().startsWith("hashgrid_test_itest")) {
            dropAtExit(created);
        }
        return created;
    }

    /** Databases handed to another process (a Karaf container) are dropped when this JVM ends. */
    private static void dropAtExit(Database database) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dropDatabase(database);
            } catch (SQLException e) {
                System.err.println("Could not drop test database " + database.name() + ": " + e.getMessage());
            }
        }, "drop-" + database.name()));
    }

    /** Drops a database made by {@link #createDatabase}, closing its leftover sessions. */
    public static synchronized void dropDatabase(Database database) throws SQLException {
        Server s = server();
        Database admin = new Database(s.adminDatabase(), s.url(s.adminDatabase()), s.user(), s.password());
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database.name() + " with (force)");
        }
    }

    private static Server server() {
        if (server == null) {
            server = locate();
            dropAbandonedContainerDatabases(server);
        }
        return server;
    }

    /**
     * Databases of earlier Karaf test containers whose JVM was killed before its shutdown hook
     * ran. A live container's pool always holds connections, so only databases nobody is
     * connected to are dropped.
     */
    private static void dropAbandonedContainerDatabases(Server s) {
        Database admin = new Database(s.adminDatabase(), s.url(s.adminDatabase()), s.user(), s.password());
        try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
            List<String> abandoned = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select d.datname from pg_database d where d.datname like "
                    + "'hashgrid\\_test\\_itest\\_%' and not exists (select 1 from pg_stat_activity a "
                    + "where a.datname = d.datname)")) {
                while (rows.next()) {
                    abandoned.add(rows.getString(1));
                }
            }
            for (String name : abandoned) {
                statement.execute("drop database if exists " + name);
            }
        } catch (SQLException e) {
            System.err.println("Could not drop abandoned test databases: " + e.getMessage());
        }
    }

    private static Server locate() {
        String configured = System.getenv(ENV_URL);
        if (configured != null && !configured.isBlank() && !configured.equals(EMBEDDED)) {
            return parse(configured);
        }
        if (!EMBEDDED.equals(configured) && answers("127.0.0.1", 5432)) {
            return new Server("127.0.0.1", 5432, "postgres", "postgres", null);
        }
        ThrowawayPostgres started = ThrowawayPostgres.start();
        return new Server("127.0.0.1", started.port(), "postgres", started.user(), started.password());
    }

    private static Server parse(String url) {
        java.net.URI uri = java.net.URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        String user = null;
        String password = null;
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals("user")) {
                    user = kv[1];
                } else if (kv.length == 2 && kv[0].equals("password")) {
                    password = kv[1];
                }
            }
        }
        String database =
                uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
