package org.hashgrid.driver.testkit.example;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverCalls;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;

/**
 * A third-party driver for an imaginary firmware with a one-line text protocol: the client sends
 * {@code status}, {@code stop} or {@code start} and a newline; the miner answers one line, e.g.
 * {@code hashrate_ths=95.5 temp_c=61.2,63.0 fans=4200,4300 power_w=3100} or {@code ok}.
 *
 * <p>It shows the least a driver does: blocking sockets on a small pool of its own threads, with
 * every wait bounded by the call's {@link Deadline}, every failure mapped to a {@link FailureKind},
 * and the rest of the contract left to {@link DriverCalls}.
 * A driver for a large fleet would use non-blocking I/O instead (see the CGMiner driver).
 */
public final class LineProtocolDriver implements MinerDriver, AutoCloseable {

    public static final String ID = "line-protocol";
    private static final Set<DriverCapability> CAPABILITIES = EnumSet.of(DriverCapability.READ, DriverCapability.STOP,
            DriverCapability.START);
    private static final int MAX_LINE = 4096;
    private static final Logger LOG = System.getLogger(LineProtocolDriver.class.getName());

    private final ExecutorService threads = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task, "line-protocol-driver");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DriverCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public CompletionStage<MinerReading> read(MinerEndpoint endpoint, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        return DriverCalls.bounded("read", timeout,
                deadline -> ask(endpoint, "status", deadline).thenApply(LineProtocolDriver::reading),
                failure -> reported(endpoint, "read", failure));
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(command, "command");
        if (!CAPABILITIES.contains(command.action().capability())) {
            return CompletableFuture
                    .failedFuture(new DriverException(FailureKind.UNSUPPORTED, "this firmware cannot " + command));
        }
        String verb = command.action() == MinerCommand.Action.STOP ? "stop" : "start";
        return DriverCalls.bounded(verb, timeout,
                deadline -> ask(endpoint, verb, deadline).thenApply(line -> new CommandResult(command, line)),
                failure -> reported(endpoint, verb, failure));
    }

    @Override
    public CompletionStage<ProbeResult> probe(MinerEndpoint endpoint, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        return CompletableFuture
                .failedFuture(new DriverException(FailureKind.UNSUPPORTED, "this firmware cannot tell its model"));
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** Logs a failed call: what the miner or the network did at debug level, a bug of ours as a warning. */
    private static DriverException reported(MinerEndpoint endpoint, String what, Throwable failure) {
        return DriverCalls.reported(failure,
                expected -> LOG.log(Level.DEBUG, () -> endpoint + ": " + what + " " + expected.kind() + ": "
                        + expected.getMessage()),
                unexpected -> LOG.log(Level.WARNING, endpoint + ": " + what + " failed unexpectedly", unexpected));
    }

    private CompletableFuture<String> ask(MinerEndpoint endpoint, String request, Deadline deadline) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                reply.complete(exchange(endpoint, request, deadline));
            } catch (DriverException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    private static String exchange(MinerEndpoint endpoint, String request, Deadline deadline) throws DriverException {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), remainingMillis(deadline));
            } catch (ConnectException | SocketTimeoutException e) {
                throw new DriverException(FailureKind.UNREACHABLE, "cannot connect: " + e.getMessage());
            }
            socket.getOutputStream().write((request + "\n").getBytes(StandardCharsets.US_ASCII));
            return readLine(socket, deadline);
        } catch (IOException e) {
            throw new DriverException(FailureKind.UNREACHABLE, "connection lost: " + e.getMessage());
        }
    }

    /** Reads one line, checking the deadline between reads so that a dripping miner cannot hold us. */
    private static String readLine(Socket socket, Deadline deadline) throws IOException, DriverException {
        InputStream in = socket.getInputStream();
        byte[] line = new byte[MAX_LINE];
        int length = 0;
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new DriverException(FailureKind.TIMEOUT, "no complete reply in time");
            }
            if (b == '\n' || b < 0 && length > 0) {
                return new String(line, 0, length, StandardCharsets.US_ASCII);
            }
            if (b < 0) {
                throw new DriverException(FailureKind.UNREACHABLE, "closed without a reply");
            }
            if (length == MAX_LINE) {
                throw DriverException.protocolError("reply line too long", line, length);
            }
            line[length++] = (byte) b;
        }
    }

    private static int remainingMillis(Deadline deadline) throws DriverException {
        long remaining = deadline.remaining().toMillis();
        if (remaining <= 0) {
            throw new DriverException(FailureKind.TIMEOUT, "no complete reply in time");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    private static MinerReading reading(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.trim().split(" ")) {
            String[] keyValue = pair.split("=", 2);
            if (keyValue.length != 2) {
                throw new CompletionException(DriverException.protocolError("not a status line",
                        line.getBytes(StandardCharsets.ISO_8859_1), line.length()));
            }
            fields.put(keyValue[0], keyValue[1]);
        }
        try {
            MinerReading.Builder reading = MinerReading.builder(Instant.now());
            if (fields.containsKey("hashrate_ths")) {
                reading.hashrateThs(Double.parseDouble(fields.get("hashrate_ths")));
            }
            if (fields.containsKey("temp_c")) {
                reading.boardTemperaturesC(
                        Arrays.stream(fields.get("temp_c").split(",")).map(Double::valueOf).toList());
            }
            if (fields.containsKey("fans")) {
                reading.fanRpms(Arrays.stream(fields.get("fans").split(",")).map(Integer::valueOf).toList());
            }
            if (fields.containsKey("power_w")) {
                reading.powerW(Double.parseDouble(fields.get("power_w")));
            }
            return reading.build();
        } catch (IllegalArgumentException e) {
            throw new CompletionException(DriverException.protocolError("bad value: " + e.getMessage(),
                    line.getBytes(StandardCharsets.ISO_8859_1), line.length()));
        }
    }
}
