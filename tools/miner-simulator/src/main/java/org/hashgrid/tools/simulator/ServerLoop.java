package org.hashgrid.tools.simulator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

/**
 * One selector thread serving the listeners and connections of a share of the miners. All
 * channel state is confined to this thread; other threads hand it work through {@link #call}.
 */
final class ServerLoop implements AutoCloseable {

    /** Work for the loop thread. */
    interface IoTask {
        void run() throws IOException;
    }

    /** cgminer's listen backlog is 100; round up. */
    private static final int BACKLOG = 128;
    /** cgminer reads a request with one recv of at most this many bytes. */
    private static final int REQUEST_BYTES = 4095;

    private final Selector selector;
    private final Thread thread;
    private final ReplyBuilder replies;
    private final long slowIntervalNanos;
    private final long replyDelayNanos;
    private final Random random;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Drip> drips = new PriorityQueue<>(Comparator.comparingLong(Drip::due));
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::due));
    private final Map<SimulatedMiner, ServerSocketChannel> listeners = new HashMap<>();
    private final Map<SimulatedMiner, ServerSocketChannel> secondListeners = new HashMap<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(REQUEST_BYTES);
    private volatile boolean running = true;

    private record Drip(long due, Connection connection) {
    }

    /** Loop work due at a time, e.g. a listener re-opening after a firmware restart. */
    private record Timer(long due, IoTask task) {
    }

    /** What a second-port listener serves. */
    private record SecondPort(SimulatedMiner miner, SecondApi api) {
    }

    private static final class Connection {
        final SocketChannel channel;
        final SimulatedMiner miner;
        /** the second-port API this connection speaks, or null for the cgminer API */
        final SecondApi api;
        byte[] received;
        int receivedLength;
        SelectionKey key;
        boolean requestSeen;
        ByteBuffer out;
        boolean resetAtEnd;
        boolean delayed;

        Connection(SocketChannel channel, SimulatedMiner miner, SecondApi api) {
            this.channel = channel;
            this.miner = miner;
            this.api = api;
        }
    }

    ServerLoop(String name, ReplyBuilder replies, long slowIntervalNanos, long replyDelayNanos, long seed)
            throws IOException {
        this.selector = Selector.open();
        this.replies = replies;
        this.slowIntervalNanos = slowIntervalNanos;
        this.replyDelayNanos = replyDelayNanos;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs the task on the loop thread and waits for it; called on the loop thread itself (a
     * miner quitting while it answers), it runs once the current connection is handled.
     */
    void call(IoTask task) throws IOException {
        if (Thread.currentThread() == thread) {
            tasks.add(() -> {
                try {
                    task.run();
                } catch (IOException e) {
                    System.err.println(thread.getName() + ": " + e.getMessage());
                }
            });
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        selector.wakeup();
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + thread.getName());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    /** Loop thread only: starts listening for the miner. */
    void listen(SimulatedMiner miner, InetSocketAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, BACKLOG);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT, miner);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        listeners.put(miner, server);
        miner.bound((InetSocketAddress) server.getLocalAddress());
    }

    /** Loop thread only: starts listening for the miner's second API (web, REST, API v3). */
    void listenSecond(SimulatedMiner miner, SecondApi api, InetSocketAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, BACKLOG);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT, new SecondPort(miner, api));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        secondListeners.put(miner, server);
        miner.boundSecond((InetSocketAddress) server.getLocalAddress());
    }

    /** Loop thread only: stops listening on both ports, so that connections are refused. */
    void unlisten(SimulatedMiner miner) throws IOException {
        ServerSocketChannel server = listeners.remove(miner);
        ServerSocketChannel second = secondListeners.remove(miner);
        if (server != null || second != null) {
            closeQuietly(server);
            closeQuietly(second);
            // a registered channel really closes when the selector lets its key go
            selector.selectNow();
        }
    }

    /**
     * Loop thread only: the miner's mining process (and with {@code wholeBox} its web server too)
     * restarts, so its port refuses connections for a while and then listens again, unless a
     * {@link Fault#REFUSE} set meanwhile keeps it closed.
     */
    void refuseFor(SimulatedMiner miner, boolean wholeBox, long nanos) throws IOException {
        ServerSocketChannel server = listeners.remove(miner);
        ServerSocketChannel second = wholeBox ? secondListeners.remove(miner) : null;
        SecondPort port = second == null ? null : (SecondPort) second.keyFor(selector).attachment();
        if (server == null && second == null) {
            return;
        }
        closeQuietly(server);
        closeQuietly(second);
        selector.selectNow();
        timers.add(new Timer(System.nanoTime() + nanos, () -> {
            if (miner.fault() == Fault.REFUSE) {
                return;
            }
            if (server != null && !listeners.containsKey(miner)) {
                listen(miner, miner.address());
            }
            if (port != null && !secondListeners.containsKey(miner)) {
                listenSecond(miner, port.api(), miner.secondAddress());
            }
        }));
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(selectTimeoutMillis());
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                drip();
                runTimers();
            }
        } catch (IOException e) {
            System.err.println(thread.getName() + " stopped: " + e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key);
            }
            closeQuietly(selector);
        }
    }

    private long selectTimeoutMillis() {
        Drip next = drips.peek();
        Timer timer = timers.peek();
        if (next == null && timer == null) {
            return 0;
        }
        long due = next == null ? timer.due() : timer == null ? next.due() : Math.min(next.due(), timer.due());
        return Math.max(1, (due - System.nanoTime()) / 1_000_000);
    }

    private void runTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().due() <= now) {
            try {
                timers.poll().task().run();
            } catch (IOException e) {
                System.err.println(thread.getName() + ": " + e.getMessage());
            }
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            if (key.attachment() instanceof SecondPort port) {
                accept((ServerSocketChannel) key.channel(), port.miner(), port.api());
            } else {
                accept((ServerSocketChannel) key.channel(), (SimulatedMiner) key.attachment(), null);
            }
            return;
        }
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                read(connection);
            }
            if (key.isValid() && key.isWritable()) {
                write(connection);
            }
        } catch (IOException e) {
            // the client went away or reset: nothing to answer any more
            close(connection);
        } catch (RuntimeException e) {
            // a simulator bug must cost one connection, not the whole loop
            System.err.println(connection.miner + ": " + e);
            close(connection);
        }
    }

    private void accept(ServerSocketChannel server, SimulatedMiner miner, SecondApi api) {
        try {
            SocketChannel channel;
            while ((channel = server.accept()) != null) {
                miner.accepted();
                if (miner.fault() == Fault.EMPTY) {
                    channel.close();
                    miner.disconnected();
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection connection = new Connection(channel, miner, api);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
            }
        } catch (IOException e) {
            // e.g. out of file descriptors: the client sees a refused or dropped connection
            System.err.println(miner + ": accept failed: " + e.getMessage());
        }
    }

    private void read(Connection connection) throws IOException {
        readBuffer.clear();
        int n = connection.channel.read(readBuffer);
        if (n < 0) {
            close(connection);
            return;
        }
        if (n == 0 || connection.requestSeen) {
            return;
        }
        if (connection.api != null) {
            readSecond(connection, n);
            return;
        }
        // like cgminer, take what the first recv brought as the whole request
        connection.requestSeen = true;
        Fault fault = connection.miner.fault();
        if (fault == Fault.SILENT) {
            return;
        }
        byte[] reply = replies.reply(connection.miner, Arrays.copyOf(readBuffer.array(), n), n);
        if (reply == null) {
            // the firmware acts without answering (a reboot, Whatsminer's power modes)
            close(connection);
            return;
        }
        connection.out = ByteBuffer.wrap(onTheWire(connection, fault, reply));
        if (replyDelayNanos > 0) {
            // a miner's controller takes a while to gather its figures
            connection.delayed = true;
            drips.add(new Drip(System.nanoTime() + replyDelayNanos, connection));
        } else {
            startReply(connection, fault);
        }
    }

    /** Second-port APIs frame their requests: gather bytes until one is complete, then answer it. */
    private void readSecond(Connection connection, int n) throws IOException {
        if (connection.received == null) {
            connection.received = new byte[Math.max(1024, n)];
        } else if (connection.receivedLength + n > connection.received.length) {
            if (connection.receivedLength + n > SecondApi.MAX_REQUEST_BYTES) {
                close(connection);
                return;
            }
            connection.received = Arrays.copyOf(connection.received,
                    Math.max(connection.receivedLength + n, connection.received.length * 2));
        }
        System.arraycopy(readBuffer.array(), 0, connection.received, connection.receivedLength, n);
        connection.receivedLength += n;
        int length = connection.api.requestLength(connection.received, connection.receivedLength);
        if (length < 0) {
            return;
        }
        connection.requestSeen = true;
        Fault fault = connection.miner.fault();
        if (fault == Fault.SILENT) {
            return;
        }
        byte[] reply = connection.api.reply(connection.miner, Arrays.copyOf(connection.received, length));
        // what the request set off (a restart closing a port) happens before the client hears back
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        if (reply == null) {
            close(connection);
            return;
        }
        connection.out = ByteBuffer.wrap(switch (fault) {
            case GARBAGE -> ReplyBuilder.garbage(random);
            case TRUNCATED -> Arrays.copyOf(reply, reply.length / 2);
            case RESET -> {
                connection.resetAtEnd = true;
                yield Arrays.copyOf(reply, reply.length / 2);
            }
            default -> reply;
        });
        long delay = Math.max(replyDelayNanos, connection.api.replyDelayNanos(connection.miner));
        if (delay > 0) {
            connection.delayed = true;
            drips.add(new Drip(System.nanoTime() + delay, connection));
        } else {
            startReply(connection, fault);
        }
    }

    private void startReply(Connection connection, Fault fault) throws IOException {
        if (fault == Fault.SLOW) {
            drips.add(new Drip(System.nanoTime() + slowIntervalNanos, connection));
        } else {
            connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            write(connection);
        }
    }

    private byte[] onTheWire(Connection connection, Fault fault, byte[] reply) {
        boolean nul = !connection.miner.quirks().contains(Quirk.MISSING_NUL);
        return switch (fault) {
            case GARBAGE -> ReplyBuilder.garbage(random);
            case TRUNCATED -> Arrays.copyOf(reply, reply.length / 2);
            case RESET -> {
                connection.resetAtEnd = true;
                yield Arrays.copyOf(reply, reply.length / 2);
            }
            case OVERSIZED -> terminated(replies.oversized(connection.miner), nul);
            default -> terminated(reply, nul);
        };
    }

    private static byte[] terminated(byte[] reply, boolean nul) {
        return nul ? Arrays.copyOf(reply, reply.length + 1) : reply;
    }

    private void write(Connection connection) throws IOException {
        if (connection.out == null) {
            return;
        }
        connection.channel.write(connection.out);
        if (!connection.out.hasRemaining()) {
            finish(connection);
        }
    }

    private void drip() {
        long now = System.nanoTime();
        while (!drips.isEmpty() && drips.peek().due() <= now) {
            Connection connection = drips.poll().connection();
            if (!connection.channel.isOpen()) {
                continue;
            }
            if (connection.delayed) {
                connection.delayed = false;
                try {
                    startReply(connection, connection.miner.fault());
                } catch (IOException e) {
                    close(connection);
                }
                continue;
            }
            ByteBuffer out = connection.out;
            int limit = out.limit();
            out.limit(out.position() + 1);
            try {
                connection.channel.write(out);
                out.limit(limit);
                if (out.hasRemaining()) {
                    drips.add(new Drip(now + slowIntervalNanos, connection));
                } else {
                    finish(connection);
                }
            } catch (IOException e) {
                close(connection);
            }
        }
    }

    private void finish(Connection connection) throws IOException {
        if (connection.resetAtEnd) {
            connection.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        close(connection);
    }

    private static void close(Connection connection) {
        if (connection.channel.isOpen()) {
            connection.miner.disconnected();
        }
        closeQuietly(connection.key);
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        closeQuietly(key.channel());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
