package org.hashgrid.driver.cgminer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The conversations the driver holds with a miner: which commands a read, a probe or a control
 * takes, joined with "+" where the firmware allows and one by one where it does not.
 */
public final class CgminerApi implements AutoCloseable {

    static final List<String> PROBE_COMMANDS = List.of("version", "summary", "stats", "devdetails");
    /** What a command needs to know first: the firmware family and, for stock cgminer, its ASC devices. */
    static final List<String> CONTROL_COMMANDS = List.of("version", "devs");
    /** Avalon's soft power switch takes effect at a given time; a few seconds ahead lets the reply come first. */
    private static final long AVALON_SWITCH_DELAY_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(CgminerApi.class);

    private final String driverId;
    private final ExecutorService workers;
    private final RpcClient client;
    private final ReplyParser parser = new ReplyParser();
    private final ReadingMapper mapper = new ReadingMapper();
    /** Miners whose firmware answered a join with an error; they are asked one command at a time. */
    private final Set<MinerEndpoint> rejectsJoins = ConcurrentHashMap.newKeySet();
    private final KnownMiners known;

    /** A step that may fail with a {@link DriverException}. */
    @FunctionalInterface
    private interface Step<T, R> {
        R apply(T value) throws DriverException;
    }

    public CgminerApi(String driverId, CgminerSettings settings) throws IOException {
        this.driverId = driverId;
        this.known = new KnownMiners(settings.identityTtl().toNanos());
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), task -> {
            Thread thread = new Thread(task, "cgminer-driver-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.client = new RpcClient(settings, workers);
        } catch (IOException e) {
            workers.shutdown();
            throw e;
        }
    }

    /**
     * A cold read (nothing known of the miner, or its identity expired) asks everything a first
     * read needs, learns the firmware family and asks what that family's plan adds; a warm read asks
     * only the family's live commands and takes the rest from what the cold read learned.
     */
    public CompletableFuture<MinerReading> read(MinerEndpoint endpoint, long deadline) {
        KnownMiners.Known miner = known.fresh(endpoint, System.nanoTime());
        CompletableFuture<MinerReading> reading =
                miner == null ? coldRead(endpoint, deadline) : warmRead(endpoint, miner, deadline);
        return reading.whenComplete((value, failure) -> {
            if (failure != null) {
                // a miner that stops answering may come back as another one
                known.forget(endpoint);
            }
        });
    }

    private CompletableFuture<MinerReading> coldRead(MinerEndpoint endpoint, long deadline) {
        return fetch(endpoint, FirmwareFamily.FIRST_READ, true, deadline).thenCompose(replies -> {
            List<String> missing = new ArrayList<>(FirmwareFamily.detect(replies.values()).cold());
            missing.removeAll(replies.keySet());
            if (missing.isEmpty()) {
                return CompletableFuture.completedFuture(replies);
            }
            return fetch(endpoint, missing, false, deadline).thenApply(more -> {
                Map<String, CommandReply> all = new LinkedHashMap<>(replies);
                all.putAll(more);
                return all;
            });
        }).thenApply(checked(replies -> {
            MinerIdentity identity = MinerIdentity.of(replies);
            MinerReading reading = mapper.map(replies, identity, Instant.now());
            known.learned(endpoint, identity, reading.uptimeSeconds().orElse(-1), System.nanoTime());
            return reading;
        }));
    }

    private CompletableFuture<MinerReading> warmRead(MinerEndpoint endpoint, KnownMiners.Known miner, long deadline) {
        MinerIdentity identity = miner.identity();
        return fetch(endpoint, identity.family().live(), false, deadline).thenCompose(replies -> {
            String description = MinerIdentity.description(replies);
            MinerReading reading;
            try {
                reading = mapper.map(replies, identity, Instant.now());
            } catch (DriverException e) {
                // another firmware may answer there now, refusing this plan's commands: learn it again
                LOG.debug("{} failed its warm read ({}): learning it again", endpoint, e.getMessage());
                known.forget(endpoint);
                return coldRead(endpoint, deadline);
            }
            long uptime = reading.uptimeSeconds().orElse(-1);
            if (!description.isEmpty() && !description.equals(identity.description())
                    || uptime >= 0 && uptime < miner.uptimeSeconds()) {
                LOG.debug("{} restarted or changed firmware ({}, uptime {} s after {} s): learning it again",
                        endpoint, description, uptime, miner.uptimeSeconds());
                known.forget(endpoint);
                return coldRead(endpoint, deadline);
            }
            known.stillRunning(endpoint, miner, uptime);
            return CompletableFuture.completedFuture(reading);
        });
    }

    public CompletableFuture<ProbeResult> probe(MinerEndpoint endpoint, long deadline) {
        return fetch(endpoint, PROBE_COMMANDS, true, deadline).thenApply(checked(replies -> {
            CommandReply answered = replies.values().stream().filter(reply -> reply.status().ok()).findFirst()
                    .orElseThrow(() -> ReadingMapper.failure(String.join("+", PROBE_COMMANDS),
                            replies.values().iterator().next().status()));
            CommandReply summary = replies.get("summary");
            Optional<String> firmware =
                    ReadingMapper.firmware(summary != null && summary.status().ok() ? summary : answered);
            return new ProbeResult(driverId, ReadingMapper.model(replies), firmware, Optional.empty(),
                    FirmwareFamily.detect(replies.values()).capabilities());
        }));
    }

    public CompletableFuture<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command, long deadline) {
        return fetch(endpoint, CONTROL_COMMANDS, true, deadline).thenCompose(replies -> {
            FirmwareFamily family = FirmwareFamily.detect(replies.values());
            if (!family.capabilities().contains(command.action().capability())) {
                return CompletableFuture.failedFuture(new DriverException(FailureKind.UNSUPPORTED,
                        "cannot " + command + " this miner: " + family.whyNoControl()));
            }
            List<String[]> requests =
                    family == FirmwareFamily.AVALON ? avalonRequests(command) : cgminerRequests(command, replies);
            if (requests.isEmpty()) {
                return CompletableFuture.failedFuture(new DriverException(FailureKind.UNSUPPORTED,
                        "cannot " + command + " this miner: it lists no ASC device"));
            }
            return control(endpoint, requests, 0, new ArrayList<>(), deadline)
                    .thenApply(messages -> new CommandResult(command, String.join("; ", messages)));
        });
    }

    @Override
    public void close() {
        client.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** stock cgminer: restart, or disable/enable every ASC device its devs lists */
    private static List<String[]> cgminerRequests(MinerCommand command, Map<String, CommandReply> replies) {
        if (command.action() == MinerCommand.Action.RESTART) {
            return List.<String[]>of(new String[] { "restart", "" });
        }
        String verb = command.action() == MinerCommand.Action.STOP ? "ascdisable" : "ascenable";
        List<String[]> requests = new ArrayList<>();
        for (var device : ReadingMapper.records(replies, "devs", "DEVS")) {
            Numbers.number(device, "ASC")
                    .ifPresent(id -> requests.add(new String[] { verb, Long.toString((long) id) }));
        }
        return requests;
    }

    /** Avalon: soft power off and on of the whole machine through ascset, or a restart */
    private static List<String[]> avalonRequests(MinerCommand command) {
        long at = Instant.now().getEpochSecond() + AVALON_SWITCH_DELAY_SECONDS;
        return switch (command.action()) {
            case STOP -> List.<String[]>of(new String[] { "ascset", "0,softoff,1:" + at });
            case START -> List.<String[]>of(new String[] { "ascset", "0,softon,1:" + at });
            default -> List.<String[]>of(new String[] { "restart", "" });
        };
    }

    private CompletableFuture<List<String>> control(MinerEndpoint endpoint, List<String[]> requests, int index,
            List<String> messages, long deadline) {
        if (index == requests.size()) {
            return CompletableFuture.completedFuture(messages);
        }
        String[] request = requests.get(index);
        return send(endpoint, request[0], request[1], deadline).thenCompose(checked(parsed -> {
            Status status = parsed.isJoined() ? null : parsed.single().status();
            if (status == null || !status.ok()) {
                throw status == null
                        ? new DriverException(FailureKind.PROTOCOL_ERROR,
                                "'" + request[0] + "' answered with a joined reply")
                        : ReadingMapper.failure(request[0], status);
            }
            messages.add(status.message().isEmpty() ? status.letter() : status.message());
            return control(endpoint, requests, index + 1, messages, deadline);
        }));
    }

    /**
     * The replies to several report commands, in one joined round trip when the firmware allows.
     * When {@code learning}, a conversation held one command at a time skips what the family
     * recognised from the first replies does not need.
     */
    private CompletableFuture<Map<String, CommandReply>> fetch(MinerEndpoint endpoint, List<String> commands,
            boolean learning, long deadline) {
        if (commands.size() == 1 || rejectsJoins.contains(endpoint)) {
            return oneByOne(endpoint, commands, learning, 0, new LinkedHashMap<>(), deadline);
        }
        return send(endpoint, String.join("+", commands), "", deadline).thenCompose(checked(parsed -> {
            if (parsed.isJoined()) {
                return CompletableFuture.completedFuture(parsed.joined());
            }
            Status status = parsed.single().status();
            if (status.accessDenied()) {
                throw ReadingMapper.failure(String.join("+", commands), status);
            }
            // a single error STATUS for the whole join: this firmware does not join (S19 bmminer says "Invalid command")
            LOG.debug("{} answered a joined request with {}: asking one command at a time from now on", endpoint,
                    status);
            rejectsJoins.add(endpoint);
            return oneByOne(endpoint, commands, learning, 0, new LinkedHashMap<>(), deadline);
        }));
    }

    private CompletableFuture<Map<String, CommandReply>> oneByOne(MinerEndpoint endpoint, List<String> commands,
            boolean learning, int index, Map<String, CommandReply> replies, long deadline) {
        if (index == commands.size()) {
            return CompletableFuture.completedFuture(replies);
        }
        String command = commands.get(index);
        if (learning && !replies.isEmpty() && !FirmwareFamily.detect(replies.values()).cold().contains(command)) {
            return oneByOne(endpoint, commands, learning, index + 1, replies, deadline);
        }
        return send(endpoint, command, "", deadline).thenCompose(checked(parsed -> {
            CommandReply reply = parsed.isJoined() ? parsed.joined().get(command) : parsed.single();
            if (reply == null) {
                throw new DriverException(FailureKind.PROTOCOL_ERROR,
                        "the reply to '" + command + "' does not contain it");
            }
            replies.put(command, reply);
            return oneByOne(endpoint, commands, learning, index + 1, replies, deadline);
        }));
    }

    /** One request of any shape, answered with the reply's repaired JSON root. */
    public CompletableFuture<JsonNode> exchange(MinerEndpoint endpoint, String request, long deadline) {
        return client.send(endpoint, request.getBytes(StandardCharsets.UTF_8), deadline)
                .thenApply(checked(raw -> parser.tree(raw.bytes(), raw.length())));
    }

    /** One request sent at most once; empty when it was written and nothing came back. */
    public CompletableFuture<Optional<JsonNode>> sendOnce(MinerEndpoint endpoint, String request, long deadline) {
        return client.sendOnce(endpoint, request.getBytes(StandardCharsets.UTF_8), deadline)
                .thenApply(checked(raw -> raw.length() == 0 ? Optional.<JsonNode>empty()
                        : Optional.of(parser.tree(raw.bytes(), raw.length()))));
    }

    private CompletableFuture<ParsedReply> send(MinerEndpoint endpoint, String command, String parameter,
            long deadline) {
        byte[] request =
                ("{\"command\":\"" + jsonEscape(command) + "\",\"parameter\":\"" + jsonEscape(parameter) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        return client.send(endpoint, request, deadline)
                .thenApply(checked(raw -> parser.parse(raw.bytes(), raw.length())));
    }

    private static String jsonEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static <T, R> Function<T, R> checked(Step<T, R> step) {
        return value -> {
            try {
                return step.apply(value);
            } catch (DriverException e) {
                throw new CompletionException(e);
            }
        };
    }
}
