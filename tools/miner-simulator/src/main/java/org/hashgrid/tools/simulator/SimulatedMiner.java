package org.hashgrid.tools.simulator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated miner: its model, its mining state and how it misbehaves. Tests change faults,
 * quirks and access at any time; the change applies to the next connection.
 */
public final class SimulatedMiner {

    private static final int RECENT_COMMANDS = 64;
    private static final double IDLE_WATTS = 25;
    private static final long SELF_WAKE_NANOS = 3_000_000_000L;

    private final int index;
    private final MinerModel model;
    private final MinerSimulator simulator;
    private final Random random;
    private final boolean[] boardEnabled;
    private final Deque<String> receivedCommands = new ConcurrentLinkedDeque<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger peakOpenConnections = new AtomicInteger();
    private volatile InetSocketAddress address;
    private volatile InetSocketAddress secondAddress;
    private volatile String username = "root";
    private volatile String password = "root";
    private volatile Set<ControlQuirk> controlQuirks = Set.of();
    private volatile Duration sessionTimeout;
    private volatile long sleptAtNanos;
    private volatile Fault fault = Fault.NONE;
    private volatile Set<Quirk> quirks = Set.of();
    private volatile boolean privilegedAccess = true;
    private volatile long startedAtNanos = System.nanoTime();

    SimulatedMiner(int index, MinerModel model, MinerSimulator simulator, long seed) {
        this.index = index;
        this.model = model;
        this.simulator = simulator;
        this.random = new Random(seed);
        this.boardEnabled = new boolean[model.boards()];
        Arrays.fill(boardEnabled, true);
    }

    public int index() {
        return index;
    }

    public MinerModel model() {
        return model;
    }

    /** @return where the miner listens */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * @return where the firmware's second API listens (web CGI, REST, API v3), or {@code null} when
     *         the firmware has none
     */
    public InetSocketAddress secondAddress() {
        return secondAddress;
    }

    /** @return the account the control API accepts */
    public String username() {
        return username;
    }

    /** @return the password the control API accepts */
    public String password() {
        return password;
    }

    /** Changes the control API's account, as an operator changing the default password does. */
    public void setCredentials(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
    }

    /**
     * Changes the idle time after which the firmware drops a control session or token (LuxOS
     * sessions: 60 s, Braiins OS tokens: 3600 s), so that tests can see one expire; {@code null}
     * restores the firmware's own.
     */
    public void setSessionTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("session timeout must be positive: " + timeout);
        }
        sessionTimeout = timeout;
    }

    /** @return the session idle timeout set for this miner, or the firmware's own */
    Duration sessionTimeoutOr(Duration firmwareDefault) {
        Duration timeout = sessionTimeout;
        return timeout == null ? firmwareDefault : timeout;
    }

    public Set<ControlQuirk> controlQuirks() {
        return controlQuirks;
    }

    public void setControlQuirks(Set<ControlQuirk> quirks) {
        controlQuirks = quirks.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(quirks));
    }

    public Fault fault() {
        return fault;
    }

    /** Changes the fault; {@link Fault#REFUSE} closes the listener, leaving it re-opens it. Waits until done. */
    public void setFault(Fault fault) {
        Fault previous = this.fault;
        this.fault = Objects.requireNonNull(fault, "fault");
        if ((previous == Fault.REFUSE) != (fault == Fault.REFUSE)) {
            simulator.relisten(this);
        }
    }

    public Set<Quirk> quirks() {
        return quirks;
    }

    public void setQuirks(Set<Quirk> quirks) {
        this.quirks = quirks.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(quirks));
    }

    /** @return whether privileged (control) commands are allowed, as with cgminer's {@code --api-allow W:} */
    public boolean privilegedAccess() {
        return privilegedAccess;
    }

    public void setPrivilegedAccess(boolean allowed) {
        privilegedAccess = allowed;
    }

    /** @return whether any hashboard is hashing */
    public synchronized boolean isMining() {
        wakeIfDue();
        return isMiningNow();
    }

    private void wakeIfDue() {
        if (sleptAtNanos != 0 && controlQuirks.contains(ControlQuirk.WAKES_ITSELF)
                && System.nanoTime() - sleptAtNanos >= SELF_WAKE_NANOS) {
            Arrays.fill(boardEnabled, true);
            sleptAtNanos = 0;
        }
    }

    private boolean isMiningNow() {
        for (boolean enabled : boardEnabled) {
            if (enabled) {
                return true;
            }
        }
        return false;
    }

    /** @return the number of connections accepted so far */
    public int connections() {
        return connections.get();
    }

    /** @return the most connections this miner had open at the same time */
    public int peakOpenConnections() {
        return peakOpenConnections.get();
    }

    /** @return the most recent commands received, oldest first, e.g. {@code summary+devs+stats} */
    public List<String> receivedCommands() {
        return new ArrayList<>(receivedCommands);
    }

    @Override
    public String toString() {
        return "miner " + index + " (" + model.displayName() + ") at " + address;
    }

    void bound(InetSocketAddress address) {
        this.address = address;
    }

    void boundSecond(InetSocketAddress address) {
        this.secondAddress = address;
    }

    /**
     * Puts every board to sleep, or wakes them. With {@link ControlQuirk#IGNORES_SLEEP} a sleep
     * is acknowledged by the caller but changes nothing.
     */
    public synchronized void sleep(boolean asleep) {
        if (asleep && controlQuirks.contains(ControlQuirk.IGNORES_SLEEP)) {
            return;
        }
        Arrays.fill(boardEnabled, !asleep);
        sleptAtNanos = asleep ? System.nanoTime() : 0;
    }

    /** @return whether the miner sleeps (no board hashing); a {@link ControlQuirk#WAKES_ITSELF} miner wakes after 3 s */
    public synchronized boolean isAsleep() {
        wakeIfDue();
        return !isMiningNow();
    }

    void accepted() {
        connections.incrementAndGet();
        peakOpenConnections.accumulateAndGet(openConnections.incrementAndGet(), Math::max);
    }

    void disconnected() {
        openConnections.decrementAndGet();
    }

    void received(String command) {
        receivedCommands.addLast(command);
        while (receivedCommands.size() > RECENT_COMMANDS) {
            receivedCommands.pollFirst();
        }
    }

    /** @return whether the board (an ASC to cgminer) exists; enables or disables it */
    synchronized boolean setBoardEnabled(int board, boolean enabled) {
        if (board < 0 || board >= boardEnabled.length) {
            return false;
        }
        boardEnabled[board] = enabled;
        return true;
    }

    synchronized boolean boardEnabled(int board) {
        return boardEnabled[board];
    }

    synchronized void setAllBoardsEnabled(boolean enabled) {
        Arrays.fill(boardEnabled, enabled);
    }

    /** The mining process restarts: all boards hash again and uptime starts from zero. */
    synchronized void restart() {
        Arrays.fill(boardEnabled, true);
        startedAtNanos = System.nanoTime();
    }

    /**
     * The mining process restarts (with {@code wholeBox} the controller reboots): the cgminer port,
     * and with {@code wholeBox} the second port too, refuses connections for {@code window}. Safe
     * to call while the miner answers a request.
     */
    void refuseFor(Duration window, boolean wholeBox) {
        if (!window.isZero()) {
            simulator.refuseFor(this, wholeBox, window);
        }
    }

    /** @return the API of the second port, whose per-miner state a firmware keeps, or {@code null} */
    SecondApi secondApi() {
        return simulator.secondApi(this);
    }

    /** The mining process exits, as after cgminer's quit: nothing listens any more. */
    void quit() {
        setFault(Fault.REFUSE);
    }

    /** Pool worker name of this miner. */
    String poolUser() {
        return "hashgrid.w" + index;
    }

    synchronized MinerSnapshot snapshot() {
        wakeIfDue();
        long elapsed = (System.nanoTime() - startedAtNanos) / 1_000_000_000L;
        int boards = model.boards();
        double perBoard = model.nominalThs() / boards;
        double[] ths = new double[boards];
        double[] boardTemp = new double[boards];
        double[] chipTemp = new double[boards];
        int enabled = 0;
        for (int b = 0; b < boards; b++) {
            if (boardEnabled[b]) {
                enabled++;
                ths[b] = perBoard * (1 + 0.02 * random.nextGaussian());
                boardTemp[b] = 60 + 4 * random.nextDouble();
                chipTemp[b] = boardTemp[b] + 12 + 4 * random.nextDouble();
            } else {
                boardTemp[b] = 33 + 2 * random.nextDouble();
                chipTemp[b] = boardTemp[b] + 1;
            }
        }
        double share = (double) enabled / boards;
        int[] fans = new int[model.fans()];
        for (int f = 0; f < fans.length; f++) {
            fans[f] = enabled > 0 ? 5200 + random.nextInt(600) : 1800 + random.nextInt(200);
        }
        double power = IDLE_WATTS + share * (model.nominalWatts() - IDLE_WATTS) * (1 + 0.01 * random.nextGaussian());
        long accepted = elapsed / 4 + index % 7;
        return new MinerSnapshot(System.currentTimeMillis() / 1000, elapsed, boardEnabled.clone(), ths,
                model.nominalThs() * share * 0.995, boardTemp, chipTemp, fans, power, accepted, accepted / 500,
                elapsed / 90);
    }
}
