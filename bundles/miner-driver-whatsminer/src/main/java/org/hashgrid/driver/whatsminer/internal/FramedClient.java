package org.hashgrid.driver.whatsminer.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whatsminer API v3's transport: one request per connection, each message a 4-byte little-endian
 * length and that many bytes of JSON, the reply bounded in size. At most one conversation per
 * miner is in flight and at most {@code maxConnections} in all; later ones wait their turn within
 * their own deadline. Sockets are
 * asynchronous on a two-thread channel group; results complete on a small worker pool.
 */
public final class FramedClient implements AutoCloseable {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cause of an {@code UNREACHABLE} failure when no TCP connection could be made at all. */
    public static final class NoConnection extends IOException {
        private static final long serialVersionUID = 1L;

        NoConnection(String message) {
            super(message);
        }
    }

    private enum Phase { QUEUED, CONNECTING, TALKING }

    private final Duration connectTimeout;
    private final int maxReplyBytes;
    private final int maxConnections;
    /** Guards {@link #open} and {@link #waiting}: connections open, conversations waiting for one. */
    private final Object admission = new Object();
    private int open;
    private final ArrayDeque<Conversation> waiting = new ArrayDeque<>();
    private final ExecutorService workers;
    private final AsynchronousChannelGroup group;
    private final ScheduledThreadPoolExecutor timers;
    /** The last conversation queued per miner; the next one starts when it ends. */
    private final Map<MinerEndpoint, CompletableFuture<Void>> lines = new ConcurrentHashMap<>();

    public FramedClient(Duration connectTimeout, int maxReplyBytes, int maxConnections) throws IOException {
        this.connectTimeout = connectTimeout;
        this.maxReplyBytes = maxReplyBytes;
        this.maxConnections = maxConnections;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(2,
                task -> daemon(task, "whatsminer-driver-worker-" + threads.incrementAndGet()));
        this.timers = new ScheduledThreadPoolExecutor(1, task -> daemon(task, "whatsminer-driver-timer"));
        timers.setRemoveOnCancelPolicy(true);
        try {
            this.group = AsynchronousChannelGroup.withFixedThreadPool(2,
                    task -> daemon(task, "whatsminer-driver-io-" + threads.incrementAndGet()));
        } catch (IOException e) {
            workers.shutdown();
            timers.shutdown();
            throw e;
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Sends one JSON request and reads the reply's JSON.
     *
     * @return a future completing with the reply, or exceptionally with a {@link DriverException}:
     *         {@code UNREACHABLE} (with a {@link NoConnection} cause when no connection was made),
     *         {@code TIMEOUT}, or {@code PROTOCOL_ERROR} for a reply that is not a frame of JSON
     */
    public CompletableFuture<JsonNode> ask(MinerEndpoint endpoint, byte[] request, Deadline deadline) {
        Conversation conversation = new Conversation(endpoint, request, deadline);
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<Void> previous = lines.put(endpoint, turn);
        conversation.result.whenComplete((reply, failure) -> {
            lines.remove(endpoint, turn);
            turn.complete(null);
        });
        conversation.armDeadline();
        if (previous == null) {
            admit(conversation);
        } else {
            previous.whenComplete((ignored, failure) -> admit(conversation));
        }
        return conversation.result;
    }

    /** Starts the conversation when a connection is free, else queues it. */
    private void admit(Conversation conversation) {
        synchronized (admission) {
            if (open >= maxConnections) {
                waiting.add(conversation);
                return;
            }
            open++;
        }
        conversation.start();
    }

    /** A connection was given back: the next waiting conversation still alive takes it. */
    private void release() {
        Conversation next;
        synchronized (admission) {
            do {
                next = waiting.poll();
            } while (next != null && next.done.get());
            if (next == null) {
                open--;
            }
        }
        if (next != null) {
            next.start();
        }
    }

    @Override
    public void close() {
        group.shutdown();
        timers.shutdownNow();
        workers.shutdown();
        try {
            group.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request and its reply on a connection of its own. */
    private final class Conversation {
        final MinerEndpoint endpoint;
        final byte[] request;
        final Deadline deadline;
        final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        final AtomicBoolean done = new AtomicBoolean();
        /** whether it holds one of the connections {@link #admit} hands out */
        final AtomicBoolean admitted = new AtomicBoolean();
        final long created = System.nanoTime();
        volatile Phase phase = Phase.QUEUED;
        volatile AsynchronousSocketChannel channel;
        volatile ScheduledFuture<?> deadlineTimer;
        volatile ScheduledFuture<?> connectTimer;

        Conversation(MinerEndpoint endpoint, byte[] request, Deadline deadline) {
            this.endpoint = endpoint;
            this.request = request;
            this.deadline = deadline;
        }

        void armDeadline() {
            try {
                deadlineTimer = timers.schedule(this::expire, Math.max(0, deadline.nanos() - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                fail(new DriverException(FailureKind.UNREACHABLE, "the driver is stopped"));
            }
        }

        /** Runs once admitted: the conversation holds a connection until it ends. */
        void start() {
            admitted.set(true);
            if (done.get()) {
                giveBack();
                return;
            }
            if (IP_LITERAL.matcher(endpoint.host()).matches()) {
                connect();
            } else {
                // a name lookup may block: keep it off the caller's and the I/O threads
                try {
                    workers.execute(this::connect);
                } catch (RejectedExecutionException e) {
                    fail(new DriverException(FailureKind.UNREACHABLE, "the driver is stopped"));
                }
            }
        }

        private void connect() {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
            } catch (UnknownHostException e) {
                fail(new DriverException(FailureKind.UNREACHABLE, "unknown host " + endpoint.host(),
                        new NoConnection("unknown host")));
                return;
            }
            phase = Phase.CONNECTING;
            try {
                AsynchronousSocketChannel opened = AsynchronousSocketChannel.open(group);
                opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel = opened;
                if (done.get()) {
                    close(opened);
                    return;
                }
                connectTimer = timers.schedule(this::connectTimedOut, connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
                opened.connect(address, null, handler(ignored -> {
                    cancel(connectTimer);
                    phase = Phase.TALKING;
                    write(ByteBuffer.allocate(4 + request.length).order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(request.length).put(request).flip());
                }, failure -> fail(new DriverException(FailureKind.UNREACHABLE,
                        "cannot connect to API v3 at " + endpoint + ": " + describe(failure),
                        new NoConnection(describe(failure))))));
            } catch (IOException | RejectedExecutionException e) {
                fail(new DriverException(FailureKind.UNREACHABLE, "cannot connect to " + endpoint + ": " + describe(e),
                        new NoConnection(describe(e))));
            }
        }

        private void write(ByteBuffer out) {
            channel.write(out, null, handler(written -> {
                if (out.hasRemaining()) {
                    write(out);
                } else {
                    read(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN), null);
                }
            }, failure -> fail(new DriverException(FailureKind.UNREACHABLE,
                    "connection lost while sending: " + describe(failure)))));
        }

        /** Reads the length prefix (body null), then the body. */
        private void read(ByteBuffer header, ByteBuffer body) {
            ByteBuffer into = body == null ? header : body;
            channel.read(into, null, handler(count -> {
                if (count < 0) {
                    endOfStream(header, body);
                } else if (into.hasRemaining()) {
                    read(header, body);
                } else if (body == null) {
                    long length = header.flip().getInt() & 0xffffffffL;
                    if (length == 0 || length > maxReplyBytes) {
                        fail(DriverException.protocolError("not a Whatsminer API v3 frame: declared length " + length
                                + " outside 1.." + maxReplyBytes, header.array(), 4));
                    } else {
                        read(header, ByteBuffer.allocate((int) length));
                    }
                } else {
                    parse(body.array());
                }
            }, failure -> fail(new DriverException(FailureKind.UNREACHABLE,
                    "connection lost while reading: " + describe(failure)))));
        }

        private void endOfStream(ByteBuffer header, ByteBuffer body) {
            if (body == null && header.position() == 0) {
                fail(new DriverException(FailureKind.UNREACHABLE, "API v3 closed the connection without replying"));
            } else if (body == null) {
                fail(DriverException.protocolError("not a Whatsminer API v3 frame: closed inside the length prefix",
                        header.array(), header.position()));
            } else {
                fail(DriverException.protocolError("truncated Whatsminer API v3 reply: " + body.position() + " of "
                        + body.capacity() + " bytes before the close", body.array(), body.position()));
            }
        }

        private void parse(byte[] body) {
            JsonNode reply;
            try {
                reply = JSON.readTree(body);
            } catch (IOException e) {
                reply = null;
            }
            if (reply == null || !reply.isObject()) {
                fail(DriverException.protocolError("the Whatsminer API v3 reply is not a JSON object", body,
                        body.length));
                return;
            }
            JsonNode value = reply;
            if (finish()) {
                deliver(() -> result.complete(value));
            }
        }

        private void connectTimedOut() {
            if (phase == Phase.CONNECTING) {
                fail(new DriverException(FailureKind.UNREACHABLE, "no TCP connection to API v3 at " + endpoint
                        + " after " + connectTimeout.toMillis() + " ms", new NoConnection("connect timeout")));
            }
        }

        private void expire() {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - created);
            fail(switch (phase) {
                case QUEUED -> new DriverException(FailureKind.TIMEOUT, "waited " + waited
                        + " ms for the miner's previous API v3 conversation or a free connection");
                case CONNECTING -> new DriverException(FailureKind.UNREACHABLE,
                        "no TCP connection to API v3 after " + waited + " ms", new NoConnection("deadline"));
                case TALKING -> new DriverException(FailureKind.TIMEOUT,
                        "no complete API v3 reply after " + waited + " ms");
            });
        }

        private void fail(DriverException failure) {
            if (finish()) {
                deliver(() -> result.completeExceptionally(failure));
            }
        }

        /** @return false if the conversation had already ended; otherwise ends it and frees its resources */
        private boolean finish() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            cancel(deadlineTimer);
            cancel(connectTimer);
            AsynchronousSocketChannel channel = this.channel;
            if (channel != null) {
                close(channel);
            }
            giveBack();
            return true;
        }

        private void giveBack() {
            if (admitted.compareAndSet(true, false)) {
                release();
            }
        }

        private void deliver(Runnable completion) {
            try {
                workers.execute(completion);
            } catch (RejectedExecutionException e) {
                completion.run();
            }
        }

        private <V> CompletionHandler<V, Void> handler(java.util.function.Consumer<V> onSuccess,
                java.util.function.Consumer<Throwable> onFailure) {
            return new CompletionHandler<>() {
                @Override
                public void completed(V value, Void attachment) {
                    if (done.get()) {
                        return;
                    }
                    try {
                        onSuccess.accept(value);
                    } catch (RuntimeException e) {
                        fail(new DriverException(FailureKind.PROTOCOL_ERROR,
                                "the API v3 reply could not be handled: " + e, e));
                    }
                }

                @Override
                public void failed(Throwable failure, Void attachment) {
                    if (!done.get()) {
                        onFailure.accept(failure);
                    }
                }
            };
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static void close(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
