package org.hashgrid.driver.cgminer.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request per TCP connection and collects the reply up to its NUL or the close, for any
 * number of miners on one selector thread. At most one connection is open per miner (cgminer
 * serves one client at a time), at most {@code maxConnections} in all; requests beyond wait in
 * line within their deadline. Futures complete on the given executor, never on the selector thread.
 */
final class RpcClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    private static final int READ_CHUNK = 64 * 1024;
    private static final int INITIAL_REPLY_BYTES = 8 * 1024;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    private enum Phase { QUEUED, CONNECTING, WRITING, READING, DONE }

    private static final class Exchange {
        final MinerEndpoint endpoint;
        final byte[] request;
        final long created = System.nanoTime();
        final long deadline;
        /** Dropped when done, like the buffers: stale timers may still hold the exchange for seconds. */
        CompletableFuture<RawReply> future = new CompletableFuture<>();
        InetSocketAddress address;
        Phase phase = Phase.QUEUED;
        int generation;
        boolean holdsConnection;
        boolean retried;
        /** a write the miner may act on without replying: never resent, and silence after it is an answer */
        boolean once;
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        byte[] reply = new byte[0];
        int length;

        Exchange(MinerEndpoint endpoint, byte[] request, long deadline) {
            this.endpoint = endpoint;
            this.request = request;
            this.deadline = deadline;
        }
    }

    private record Timer(long at, Exchange exchange, int generation) {
    }

    private final CgminerSettings settings;
    private final Executor completions;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Exchange> submitted = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean running = true;

    // confined to the selector thread
    private final Map<MinerEndpoint, ArrayDeque<Exchange>> byEndpoint = new HashMap<>();
    /**
     * Exchanges that may connect, earliest deadline first: a read's later round trips keep its
     * deadline, so they go before the first requests of reads started after it, and a read in
     * progress (with the replies it already holds) is finished before new ones are begun.
     */
    private final PriorityQueue<Exchange> ready =
            new PriorityQueue<>((a, b) -> Long.signum(a.deadline - b.deadline));
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::at));
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(READ_CHUNK);
    private int open;

    RpcClient(CgminerSettings settings, Executor completions) throws IOException {
        this.settings = settings;
        this.completions = completions;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "cgminer-driver-io");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Sends a request; the future completes with the reply or exceptionally with a
     * {@link DriverException} no later than shortly after {@code deadlineNanos} (a
     * {@link System#nanoTime()} value).
     */
    CompletableFuture<RawReply> send(MinerEndpoint endpoint, byte[] request, long deadlineNanos) {
        return submit(new Exchange(endpoint, request, deadlineNanos));
    }

    /**
     * Sends a request at most once; the future completes with an empty reply when the request was
     * written in full and the miner closed the connection, or the deadline came, before any byte.
     */
    CompletableFuture<RawReply> sendOnce(MinerEndpoint endpoint, byte[] request, long deadlineNanos) {
        Exchange exchange = new Exchange(endpoint, request, deadlineNanos);
        exchange.once = true;
        return submit(exchange);
    }

    private CompletableFuture<RawReply> submit(Exchange exchange) {
        MinerEndpoint endpoint = exchange.endpoint;
        CompletableFuture<RawReply> reply = exchange.future;
        if (IP_LITERAL.matcher(endpoint.host()).matches()) {
            resolveAndSubmit(exchange);
        } else {
            // a name lookup may block: keep it off the caller's and the selector's thread
            try {
                completions.execute(() -> resolveAndSubmit(exchange));
            } catch (RejectedExecutionException e) {
                reply.completeExceptionally(new DriverException(FailureKind.UNREACHABLE, "the driver is stopped"));
            }
        }
        return reply;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void resolveAndSubmit(Exchange exchange) {
        try {
            exchange.address =
                    new InetSocketAddress(InetAddress.getByName(exchange.endpoint.host()), exchange.endpoint.port());
        } catch (UnknownHostException e) {
            // not submitted yet, so nothing of the selector thread's to release
            DriverException failure =
                    new DriverException(FailureKind.UNREACHABLE, "unknown host " + exchange.endpoint.host());
            CompletableFuture<RawReply> future = exchange.future;
            deliver(() -> future.completeExceptionally(failure));
            return;
        }
        submitted.add(exchange);
        if (!running) {
            failSubmitted();
        } else if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    private void run() {
        while (running) {
            try {
                selector.select(selectTimeoutMillis());
                wakeupPending.set(false);
                Exchange exchange;
                while ((exchange = submitted.poll()) != null) {
                    enqueue(exchange);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                expireTimers();
                startReady();
            } catch (IOException | RuntimeException e) {
                // the loop must survive anything one exchange does to it
                LOG.warn("CGMiner driver I/O loop error", e);
            }
        }
        List<Exchange> pending = new ArrayList<>();
        byEndpoint.values().forEach(pending::addAll);
        pending.forEach(exchange -> fail(exchange, FailureKind.UNREACHABLE, "the driver is stopped"));
        failSubmitted();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector failed", e);
        }
    }

    private long selectTimeoutMillis() {
        Timer next = timers.peek();
        if (next == null) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next.at() - System.nanoTime()) + 1);
    }

    private void enqueue(Exchange exchange) {
        if (exchange.deadline - System.nanoTime() <= 0) {
            fail(exchange, FailureKind.TIMEOUT, "no time left to ask the miner");
            return;
        }
        ArrayDeque<Exchange> line = byEndpoint.computeIfAbsent(exchange.endpoint, endpoint -> new ArrayDeque<>());
        line.add(exchange);
        if (line.size() == 1) {
            ready.add(exchange);
        }
        arm(exchange, exchange.deadline);
    }

    private void startReady() {
        Exchange exchange;
        while (open < settings.maxConnections() && (exchange = ready.poll()) != null) {
            if (exchange.phase == Phase.QUEUED) {
                connect(exchange);
            }
        }
    }

    private void connect(Exchange exchange) {
        exchange.phase = Phase.CONNECTING;
        if (!exchange.holdsConnection) {
            exchange.holdsConnection = true;
            open++;
        }
        arm(exchange, earliest(exchange.deadline, System.nanoTime() + settings.connectTimeout().toNanos()));
        try {
            SocketChannel channel = SocketChannel.open();
            exchange.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (channel.connect(exchange.address)) {
                connected(exchange);
            } else {
                exchange.key = channel.register(selector, SelectionKey.OP_CONNECT, exchange);
            }
        } catch (IOException e) {
            fail(exchange, FailureKind.UNREACHABLE, "cannot connect: " + e.getMessage());
        }
    }

    private void connected(Exchange exchange) throws IOException {
        exchange.phase = Phase.WRITING;
        exchange.out = ByteBuffer.wrap(exchange.request);
        arm(exchange, earliest(exchange.deadline, System.nanoTime() + settings.readTimeout().toNanos()));
        write(exchange);
    }

    private void write(Exchange exchange) throws IOException {
        // the request goes out in one write: cgminer reads it with a single recv
        exchange.channel.write(exchange.out);
        int interest = SelectionKey.OP_WRITE;
        if (!exchange.out.hasRemaining()) {
            exchange.phase = Phase.READING;
            interest = SelectionKey.OP_READ;
        }
        if (exchange.key == null) {
            exchange.key = exchange.channel.register(selector, interest, exchange);
        } else {
            exchange.key.interestOps(interest);
        }
    }

    private void handle(SelectionKey key) {
        Exchange exchange = (Exchange) key.attachment();
        if (!key.isValid() || exchange.phase == Phase.DONE) {
            return;
        }
        try {
            if (key.isConnectable()) {
                exchange.channel.finishConnect();
                connected(exchange);
            } else if (key.isWritable()) {
                write(exchange);
            } else if (key.isReadable()) {
                read(exchange);
            }
        } catch (IOException e) {
            if (exchange.phase == Phase.CONNECTING) {
                fail(exchange, FailureKind.UNREACHABLE, "cannot connect: " + e.getMessage());
            } else if (exchange.length == 0) {
                // closing without reading the request resets the connection: the same as closing silently
                endOfStream(exchange);
            } else {
                fail(exchange, FailureKind.UNREACHABLE,
                        "connection lost after " + exchange.length + " reply bytes: " + e.getMessage());
            }
        }
    }

    private void read(Exchange exchange) throws IOException {
        chunk.clear();
        int n = exchange.channel.read(chunk);
        if (n < 0) {
            endOfStream(exchange);
            return;
        }
        chunk.flip();
        int take = n;
        for (int i = 0; i < n; i++) {
            if (chunk.get(i) == 0) {
                take = i;
                break;
            }
        }
        if (exchange.length + take > settings.maxReplyBytes()) {
            failProtocol(exchange, "reply larger than " + settings.maxReplyBytes() + " bytes");
            return;
        }
        if (exchange.length + take > exchange.reply.length) {
            int capacity = Math.max(INITIAL_REPLY_BYTES, exchange.reply.length * 2);
            exchange.reply = Arrays.copyOf(exchange.reply, Math.min(Math.max(capacity, exchange.length + take),
                    settings.maxReplyBytes()));
        }
        chunk.get(exchange.reply, exchange.length, take);
        exchange.length += take;
        if (take < n) {
            complete(exchange);
        }
    }

    private void endOfStream(Exchange exchange) {
        if (exchange.length > 0 || exchange.once && exchange.phase == Phase.READING) {
            complete(exchange);
        } else if (!exchange.once && !exchange.retried && exchange.deadline - System.nanoTime() > 0) {
            // an empty close can be a hiccup of a busy single-threaded server: ask once more
            exchange.retried = true;
            closeChannel(exchange);
            connect(exchange);
        } else {
            fail(exchange, FailureKind.UNREACHABLE,
                    "the miner closed the connection without replying (does its --api-allow admit this host?)");
        }
    }

    private void expireTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().at() - now <= 0) {
            Timer timer = timers.poll();
            Exchange exchange = timer.exchange();
            if (exchange.phase == Phase.DONE || timer.generation() != exchange.generation) {
                continue;
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(now - exchange.created);
            switch (exchange.phase) {
                case QUEUED -> fail(exchange, FailureKind.TIMEOUT,
                        "waited " + waited + " ms for a free connection and got none in time");
                case CONNECTING -> fail(exchange, FailureKind.UNREACHABLE, "no TCP connection after " + waited + " ms");
                case READING -> {
                    if (exchange.once && exchange.length == 0) {
                        complete(exchange);
                    } else {
                        fail(exchange, FailureKind.TIMEOUT, "no complete reply after " + waited + " ms ("
                                + exchange.length + " bytes received)");
                    }
                }
                default -> fail(exchange, FailureKind.TIMEOUT,
                        "no complete reply after " + waited + " ms (" + exchange.length + " bytes received)");
            }
        }
    }

    private void arm(Exchange exchange, long at) {
        exchange.generation++;
        timers.add(new Timer(at, exchange, exchange.generation));
    }

    private static long earliest(long a, long b) {
        return a - b < 0 ? a : b;
    }

    private void complete(Exchange exchange) {
        RawReply reply = new RawReply(exchange.reply, exchange.length);
        CompletableFuture<RawReply> future = exchange.future;
        if (finish(exchange)) {
            deliver(() -> future.complete(reply));
        }
    }

    private void failProtocol(Exchange exchange, String message) {
        DriverException failure = DriverException.protocolError(message, exchange.reply, exchange.length);
        CompletableFuture<RawReply> future = exchange.future;
        if (finish(exchange)) {
            LOG.debug("{}: {}", exchange.endpoint, failure.getMessage());
            deliver(() -> future.completeExceptionally(failure));
        }
    }

    private void fail(Exchange exchange, FailureKind kind, String message) {
        CompletableFuture<RawReply> future = exchange.future;
        if (finish(exchange)) {
            LOG.debug("{}: {} {}", exchange.endpoint, kind, message);
            DriverException failure = new DriverException(kind, message);
            deliver(() -> future.completeExceptionally(failure));
        }
    }

    /** Releases what the exchange holds and lets the next request to the same miner go; false if already done. */
    private boolean finish(Exchange exchange) {
        if (exchange.phase == Phase.DONE) {
            return false;
        }
        exchange.phase = Phase.DONE;
        closeChannel(exchange);
        // stale timers keep the exchange until they fire: let its buffers go now
        exchange.reply = null;
        exchange.out = null;
        exchange.future = null;
        if (exchange.holdsConnection) {
            exchange.holdsConnection = false;
            open--;
        }
        ArrayDeque<Exchange> line = byEndpoint.get(exchange.endpoint);
        if (line != null) {
            boolean wasHead = line.peekFirst() == exchange;
            line.remove(exchange);
            if (line.isEmpty()) {
                byEndpoint.remove(exchange.endpoint);
            } else if (wasHead) {
                ready.add(line.peekFirst());
            }
        }
        return true;
    }

    private void closeChannel(Exchange exchange) {
        if (exchange.key != null) {
            exchange.key.cancel();
            exchange.key = null;
        }
        if (exchange.channel != null) {
            try {
                exchange.channel.close();
            } catch (IOException e) {
                LOG.debug("{}: closing failed", exchange.endpoint, e);
            }
            exchange.channel = null;
        }
    }

    private void deliver(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    private void failSubmitted() {
        Exchange exchange;
        while ((exchange = submitted.poll()) != null) {
            // never enqueued, so nothing of the selector thread's to release
            exchange.phase = Phase.DONE;
            exchange.future
                    .completeExceptionally(new DriverException(FailureKind.UNREACHABLE, "the driver is stopped"));
        }
    }
}
