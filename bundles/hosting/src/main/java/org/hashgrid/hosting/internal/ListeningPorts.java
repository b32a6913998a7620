package org.hashgrid.hosting.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP ports this process listens on right now, read from Linux's {@code /proc}: the
 * listening sockets of the network namespace ({@code /proc/self/net/tcp}, {@code tcp6}) whose
 * inodes are among this process's file descriptors. That covers what no configuration names —
 * Karaf's random shutdown port, a port a bundle opened at runtime. Read at most once a second;
 * elsewhere than Linux, or when {@code /proc} cannot be read, the set is empty and only the
 * configured ports apply.
 */
final class ListeningPorts {
    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
    private static final String LISTEN = "0A";
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final Path proc;
    private final LongSupplier clock;
    private Set<Integer> ports = Set.of();
    private long readAt;
    private boolean read;

    ListeningPorts() {
        this(Path.of("/proc/self"), System::nanoTime);
    }

    ListeningPorts(Path proc, LongSupplier clock) {
        this.proc = proc;
        this.clock = clock;
    }

    synchronized boolean contains(int port) {
        long now = clock.getAsLong();
        if (!read || now - readAt > REFRESH_NANOS) {
            ports = read();
            readAt = now;
            read = true;
        }
        return ports.contains(port);
    }

    private Set<Integer> read() {
        Set<String> inodes = socketInodes();
        Set<Integer> listening = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                for (String line : Files.readAllLines(proc.resolve(table))) {
                    String[] cells = line.trim().split("\\s+");
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                    if (cells.length > 9 && LISTEN.equals(cells[3]) && inodes.contains(cells[9])) {
                        String local = cells[1];
                        listening.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6), or not Linux: the configured ports still apply
            }
        }
        return Set.copyOf(listening);
    }

    private Set<String> socketInodes() {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    Matcher socket = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        inodes.add(socket.group(1));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // the descriptor closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return inodes;
    }
}
