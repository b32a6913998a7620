package org.hashgrid.db.embedded.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The operating-system account that runs initdb, pg_ctl and postgres. They refuse to run as root,
 * so when the JVM is root they run as {@code nobody} (through runuser, or su where runuser is
 * missing); otherwise they run as the JVM's own user.
 */
final class ServerAccount {

    static final String UNPRIVILEGED = "nobody";

    private final String name;
    /** Command prefix that switches to the account; empty for the JVM's own user. */
    private final List<String> switchUser;
    /** su takes the command as one shell command line, runuser as separate words. */
    private final boolean viaShell;
    /** Owner to give the folders the server writes; null for the JVM's own user. */
    private final UserPrincipal owner;

    private ServerAccount(String name, List<String> switchUser, boolean viaShell, UserPrincipal owner) {
        this.name = name;
        this.switchUser = switchUser;
        this.viaShell = viaShell;
        this.owner = owner;
    }

    static ServerAccount forThisProcess() throws IOException {
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            return new ServerAccount(user, List.of(), false, null);
        }
        return unprivileged(executable("runuser"), executable("su"));
    }

    /** The {@code nobody} account, reached through runuser when there is one, else through su. */
    static ServerAccount unprivileged(Optional<Path> runuser, Optional<Path> su) throws IOException {
        UserPrincipal nobody = Path.of("/").getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(UNPRIVILEGED);
        if (runuser.isPresent()) {
            return new ServerAccount(UNPRIVILEGED, List.of(runuser.get().toString(), "-u", UNPRIVILEGED, "--"), false,
                    nobody);
        }
        if (su.isPresent()) {
            return new ServerAccount(UNPRIVILEGED, List.of(su.get().toString(), "-s", "/bin/sh", UNPRIVILEGED, "-c"),
                    true, nobody);
        }
        throw new IOException(
                "Karaf runs as root, which PostgreSQL refuses; neither runuser nor su was found to run it as "
                        + UNPRIVILEGED);
    }

    String name() {
        return name;
    }

    /** True when the server runs as another user than the JVM (the root case). */
    boolean isSeparate() {
        return owner != null;
    }

    /** Hands {@code path} and everything under it to the account, unless it already owns the top. */
    void own(Path path) throws IOException {
        if (owner == null || owner.equals(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS))) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Files.setOwner(p, owner);
            }
        }
    }

    /** Whether the account can reach {@code dir}: needs search permission on it and on all its parents. */
    boolean canReach(Path dir) throws IOException, InterruptedException {
        return run(List.of("test", "-x", dir.toString()), Path.of("/"), null, Duration.ofSeconds(10)) == 0;
    }

    /**
     * Runs {@code command} as the account with stdin from /dev/null and stdout and stderr appended
     * to {@code log} (discarded when null), and returns its exit code. The environment's PG*
     * variables are dropped so that a user's PGDATA or PGPORT cannot redirect pg_ctl.
     */
    int run(List<String> command, Path workDir, Path log, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(command))
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(
                        log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("PG"));
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    List<String> command(List<String> command) {
        if (switchUser.isEmpty()) {
            return command;
        }
        List<String> full = new ArrayList<>(switchUser);
        if (viaShell) {
            full.add(command.stream().map(ServerAccount::shellQuote).collect(Collectors.joining(" ")));
        } else {
            full.addAll(command);
        }
        return full;
    }

    /** Quotes a word for /bin/sh: single quotes, each embedded quote written as '\''. */
    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Looks in PATH and in the sbin folders, which a service manager's PATH may lack. */
    static Optional<Path> executable(String name) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                .findFirst();
    }
}
