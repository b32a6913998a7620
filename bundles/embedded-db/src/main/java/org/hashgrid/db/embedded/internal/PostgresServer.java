package org.hashgrid.db.embedded.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL cluster managed through initdb and pg_ctl. Layout, with {@code home} being
 * {@code ${karaf.data}/postgresql}:
 * <pre>
 *   home/password      superuser password, 0600, readable by the JVM's user only
 *   base/&lt;version&gt;/    extracted binaries, written once (marker file last)
 *   base/data/         the cluster, owned by the server account, 0700
 *   base/run/          unix socket folder
 * </pre>
 * {@code base} is {@code home}, except when the server account (nobody, under a root JVM) cannot
 * reach {@code home}: then it is a folder under {@code fallbackRoot} named after a hash of
 * {@code home}, and {@code home/README} says where. Not thread-safe: one caller drives it.
 */
final class PostgresServer {

    static final String SUPERUSER = "hashgrid";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final int PASSWORD_LENGTH = 40;
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** sun_path is 108 bytes with the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;

    private final PostgresBinaries binaries;
    private final ServerAccount account;
    private final Path home;
    private final Path log;
    private final Path fallbackRoot;
    private final Duration timeout;

    private Path base;
    private Path bin;
    private String password;
    private int port;
    private boolean running;

    PostgresServer(PostgresBinaries binaries, ServerAccount account, Path home, Path log, Path fallbackRoot,
            Duration timeout) {
        this.binaries = binaries;
        this.account = account;
        this.home = home.toAbsolutePath().normalize();
        this.log = log.toAbsolutePath().normalize();
        this.fallbackRoot = fallbackRoot;
        this.timeout = timeout;
    }

    /**
     * Extracts the binaries and creates the cluster when needed, then starts the server on
     * {@code requestedPort}, or on a free loopback port when it is 0. Blocks until the server
     * accepts connections.
     */
    void start(int requestedPort) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        base = locateBase();
        bin = binaries.installIn(base).resolve("bin");
        password = readOrCreatePassword();
        Path data = base.resolve("data");
        if (!Files.isDirectory(data)) {
            initdb(data);
        }
        account.own(data);
        stopLeftover(data);

        port = requestedPort == 0 ? freeLoopbackPort() : requestedPort;
        Path socketDir = socketDir();
        String serverOptions =
                "-p " + port + " -h " + LOOPBACK + " -k " + ServerAccount.shellQuote(socketDir.toString());
        int exit = pgCtl(
                List.of("start", "-D", data.toString(), "-w", "-t", Long.toString(timeout.toSeconds()), "-o",
                        serverOptions),
                timeout.plusSeconds(15));
        if (exit != 0) {
            // e.g. timed out in crash recovery: leave no half-started server behind
            if (Files.exists(data.resolve("postmaster.pid"))) {
                pgCtl(List.of("stop", "-D", data.toString(), "-m", "immediate", "-w"), timeout.plusSeconds(15));
            }
            throw new IOException("pg_ctl start failed with exit code " + exit + "; see " + log);
        }
        running = true;
        LOG.info("Embedded PostgreSQL {} listens on {}:{}, cluster {}, run as {}",
                binaries.version(), LOOPBACK, port, data, account.name());
    }

    /** Fast shutdown (rolls back open transactions, disconnects clients), waiting for it to end. */
    void stop() throws IOException, InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        Path data = base.resolve("data");
        int exit = pgCtl(
                List.of("stop", "-D", data.toString(), "-m", "fast", "-w", "-t", Long.toString(timeout.toSeconds())),
                timeout.plusSeconds(15));
        if (exit != 0) {
            LOG.warn("pg_ctl stop -m fast failed with exit code {}; stopping PostgreSQL immediately", exit);
            pgCtl(List.of("stop", "-D", data.toString(), "-m", "immediate", "-w"), timeout.plusSeconds(15));
        }
        LOG.info("Embedded PostgreSQL stopped");
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    /** Where binaries and cluster live; differs from home in the root fallback case. */
    Path base() {
        return base;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + database;
    }

    /** CREATE DATABASE cannot run in a transaction and has no IF NOT EXISTS, hence the lookup first. */
    static boolean createDatabaseIfAbsent(Connection connection, String name) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
        }
        return true;
    }

    /** Where binaries and cluster go: home, or the fallback folder when the server account cannot reach home. */
    Path locateBase() throws IOException, InterruptedException {
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (!account.isSeparate() || account.canReach(home)) {
            return home;
        }
        Path fallback = fallbackRoot.resolve("hashgrid-postgresql-" + shortHash(home.toString()));
        try {
            Files.createDirectory(fallback);
        } catch (FileAlreadyExistsException e) {
            // kept from an earlier start; checked below
        }
        // The fallback root is world-writable (/var/tmp): accept only a real folder that we own.
        if (Files.isSymbolicLink(fallback)
                || !Files.getOwner(fallback, LinkOption.NOFOLLOW_LINKS)
                        .equals(Files.getOwner(home, LinkOption.NOFOLLOW_LINKS))) {
            throw new IOException(fallback + " exists but is not a folder owned by this user; remove it");
        }
        Files.setPosixFilePermissions(fallback, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("README"), "The embedded PostgreSQL of this Karaf lives in " + fallback + "\n"
                + "(binaries and cluster): it runs as " + account.name() + ", which cannot reach " + home + ".\n"
                + "The superuser password stays here, in 'password'. Delete both folders to start afresh.\n");
        LOG.info("User {} cannot reach {}: the embedded PostgreSQL lives in {} instead (see {})",
                account.name(), home, fallback, home.resolve("README"));
        return fallback;
    }

    private String readOrCreatePassword() throws IOException {
        Path file = home.resolve("password");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        if (Files.exists(base.resolve("data"))) {
            throw new IOException("The cluster in " + base.resolve("data") + " exists but its password file " + file
                    + " is gone: restore the file, or delete the cluster to create a new one");
        }
        SecureRandom random = new SecureRandom();
        StringBuilder secret = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            secret.append(PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)]);
        }
        writePrivate(file, secret.toString());
        return secret.toString();
    }

    /** initdb into a staging folder renamed at the end, so that "data exists" means "initdb finished". */
    private void initdb(Path data) throws IOException, InterruptedException {
        Path staging = base.resolve("data.initdb");
        PostgresBinaries.deleteTree(staging);
        Files.createDirectory(staging,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        account.own(staging);
        // initdb runs as the server account, which may not read home/password: give it its own copy.
        Path pwfile = home.resolve("password");
        if (account.isSeparate()) {
            pwfile = base.resolve(".pwfile");
            Files.deleteIfExists(pwfile);
            writePrivate(pwfile, password);
            account.own(pwfile);
        }
        LOG.info("Creating the embedded PostgreSQL cluster in {}", data);
        try {
            List<String> command = List.of(bin.resolve("initdb").toString(), "-D", staging.toString(), "-U", SUPERUSER,
                    "--auth=scram-sha-256", "--pwfile=" + pwfile, "--encoding=UTF8", "--locale=C");
            int exit = account.run(command, base, log, timeout.multipliedBy(2));
            if (exit != 0) {
                throw new IOException("initdb failed with exit code " + exit + "; see " + log);
            }
        } finally {
            if (account.isSeparate()) {
                Files.deleteIfExists(pwfile);
            }
        }
        Files.move(staging, data, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A server left running by a killed Karaf still holds the cluster: stop it before starting ours. */
    private void stopLeftover(Path data) throws IOException, InterruptedException {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        // Exit 0: a server runs; 3: none (postgres itself then discards the stale postmaster.pid).
        if (pgCtl(List.of("status", "-D", data.toString()), Duration.ofSeconds(15)) == 0) {
            LOG.warn("A PostgreSQL from an earlier run still serves {}; stopping it", data);
            pgCtl(List.of("stop", "-D", data.toString(), "-m", "fast", "-w", "-t", Long.toString(timeout.toSeconds())),
                    timeout.plusSeconds(15));
        }
    }

    private int pgCtl(List<String> arguments, Duration limit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve("pg_ctl").toString());
        command.addAll(arguments);
        return account.run(command, base, log, limit);
    }

    /** base/run, or /tmp when that path is too long for a unix socket name. */
    private Path socketDir() throws IOException {
        Path run = base.resolve("run");
        if ((run + "/.s.PGSQL.65535").getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            return Path.of("/tmp");
        }
        if (!Files.isDirectory(run)) {
            Files.createDirectory(run,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        account.own(run);
        return run;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    /** Created 0600 before anything is written, so the secret is never readable by others. */
    private static void writePrivate(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
