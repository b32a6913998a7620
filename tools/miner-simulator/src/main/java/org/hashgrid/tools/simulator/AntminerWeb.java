package org.hashgrid.tools.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of one simulated Antminer's stock web interface (lighttpd CGI on the second port):
 * its work mode and configuration, the work modes its build accepts, the Digest nonces it issued,
 * and what it received. Tests reach it with {@link #of(SimulatedMiner)} to steer the firmware and
 * to check what a driver sent.
 */
public final class AntminerWeb {

    /** Work mode values of {@code miner-mode}: normal and sleep on every build with work modes. */
    public static final int NORMAL = 0;
    public static final int SLEEP = 1;
    public static final int HIGH_PERFORMANCE = 2;
    public static final int LOW_POWER = 3;

    private static final int RECENT = 64;
    private static final int ISSUED_NONCES = 32;

    private final SimulatedMiner miner;
    private final boolean workModes;
    private final Deque<String> requests = new ArrayDeque<>();
    private final Deque<String> configurationPosts = new ArrayDeque<>();
    /** nonce → whether it is still fresh; oldest first */
    private final LinkedHashMap<String, Boolean> nonces = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ISSUED_NONCES;
        }
    };
    private Set<Integer> acceptedModes;
    private int workMode = NORMAL;
    private Duration replyDelay = Duration.ZERO;
    private Duration restartWindow = Duration.ZERO;
    /** whether the last request ran a CGI, so that its reply takes {@link #replyDelay}; loop thread only */
    boolean lastRanCgi;
    private int failedLogins;
    private int reboots;
    /** the configuration the CGI keeps in /config/cgminer.conf, without the work mode */
    private final Map<String, Object> conf = new LinkedHashMap<>();

    AntminerWeb(SimulatedMiner miner) {
        this.miner = miner;
        this.workModes = miner.model().dialect() == Dialect.BITMAIN;
        // the two set_miner_conf.cgi variants read: one takes 0/1/2, the other 0/1/3 (reference §1.3)
        this.acceptedModes = !workModes ? Set.of()
                : miner.model() == MinerModel.ANTMINER_S21 ? Set.of(NORMAL, SLEEP, LOW_POWER)
                : Set.of(NORMAL, SLEEP, HIGH_PERFORMANCE);
    }

    /**
     * @return the web state of an Antminer
     * @throws IllegalArgumentException if the miner is not a simulated Antminer
     */
    public static AntminerWeb of(SimulatedMiner miner) {
        if (miner.secondApi() instanceof AntminerWebApi api) {
            return api.web(miner);
        }
        throw new IllegalArgumentException(miner + " has no Antminer web interface");
    }

    /** @return whether this build has work modes (S19/S21 family); the S9's web interface has none */
    public boolean hasWorkModes() {
        return workModes;
    }

    /** @return the configured work mode; a {@link ControlQuirk#WAKES_ITSELF} miner that woke reports normal again */
    public synchronized int workMode() {
        if (workMode == SLEEP && miner.controlQuirks().contains(ControlQuirk.WAKES_ITSELF) && !miner.isAsleep()) {
            workMode = NORMAL;
        }
        return workMode;
    }

    /** Sets the work mode as the miner's own web page would, and puts the boards to sleep or wakes them. */
    public synchronized void setWorkMode(int mode) {
        workMode = mode;
        miner.sleep(mode == SLEEP);
    }

    /** @return the {@code miner-mode} values this build accepts; others keep the mode silently */
    public synchronized Set<Integer> acceptedModes() {
        return acceptedModes;
    }

    /** Chooses the build flavour, e.g. {@code Set.of(0, 1, 3)}. */
    public synchronized void setAcceptedModes(Set<Integer> modes) {
        acceptedModes = Set.copyOf(modes);
    }

    /** @return how long every authenticated CGI takes to answer */
    public synchronized Duration replyDelay() {
        return replyDelay;
    }

    /** Makes every authenticated CGI slow, as an S19j Pro answering in ~21 s (reference §1.3). */
    public synchronized void setReplyDelay(Duration delay) {
        replyDelay = requireNonNegative(delay);
    }

    /** @return how long the cgminer port refuses connections after a mode change (and both ports after a reboot) */
    public synchronized Duration restartWindow() {
        return restartWindow;
    }

    /** Sets the restart window; zero (the default) restarts instantly. */
    public synchronized void setRestartWindow(Duration window) {
        restartWindow = requireNonNegative(window);
    }

    /** Makes every nonce issued so far stale: requests using one get a 401 with {@code stale=true}. */
    public synchronized void expireNonces() {
        nonces.replaceAll((nonce, fresh) -> false);
    }

    /** @return Digest responses that did not match the account (wrong user or password) */
    public synchronized int failedLogins() {
        return failedLogins;
    }

    /** @return reboots through {@code reboot.cgi} */
    public synchronized int reboots() {
        return reboots;
    }

    /** @return the recent requests, oldest first, as {@code METHOD path status} */
    public synchronized List<String> requests() {
        return new ArrayList<>(requests);
    }

    /** @return the bodies recently posted to {@code set_miner_conf.cgi} by authenticated clients, oldest first */
    public synchronized List<String> configurationPosts() {
        return new ArrayList<>(configurationPosts);
    }

    @Override
    public synchronized String toString() {
        return "Antminer web of " + miner + ": work mode " + workMode + ", accepts " + new TreeSet<>(acceptedModes);
    }

    SimulatedMiner miner() {
        return miner;
    }

    synchronized Map<String, Object> conf() {
        return conf;
    }

    synchronized void issued(String nonce) {
        nonces.put(nonce, true);
    }

    /** @return whether the nonce was issued and is fresh, stale ({@code false}) or unknown ({@code null}) */
    synchronized Boolean nonceState(String nonce) {
        return nonces.get(nonce);
    }

    synchronized void failedLogin() {
        failedLogins++;
    }

    synchronized void rebooted() {
        reboots++;
    }

    synchronized void received(String request) {
        remember(requests, request);
    }

    synchronized void posted(String body) {
        remember(configurationPosts, body);
    }

    private static void remember(Deque<String> recent, String entry) {
        recent.addLast(entry);
        while (recent.size() > RECENT) {
            recent.pollFirst();
        }
    }

    private static Duration requireNonNegative(Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative()) {
            throw new IllegalArgumentException("must not be negative: " + duration);
        }
        return duration;
    }
}
