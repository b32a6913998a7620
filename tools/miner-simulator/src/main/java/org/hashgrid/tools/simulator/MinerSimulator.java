package org.hashgrid.tools.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Serves many simulated miners over the real CGMiner protocol on loopback addresses, with a few
 * selector threads. Use {@link #builder()}, then {@link #miners()} to reach and steer each miner.
 *
 * <pre>{@code
 * try (MinerSimulator simulator = MinerSimulator.builder().miners(3).models(MinerModel.ANTMINER_S19_PRO).start()) {
 *     InetSocketAddress address = simulator.miner(0).address();
 *     simulator.miner(1).setFault(Fault.SILENT);
 * }
 * }</pre>
 */
public final class MinerSimulator implements AutoCloseable {

    private final List<SimulatedMiner> miners;
    private final List<ServerLoop> loops;
    private final ReplyBuilder replies;

    private MinerSimulator(List<SimulatedMiner> miners, List<ServerLoop> loops, ReplyBuilder replies) {
        this.miners = Collections.unmodifiableList(miners);
        this.loops = loops;
        this.replies = replies;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<SimulatedMiner> miners() {
        return miners;
    }

    public SimulatedMiner miner(int index) {
        return miners.get(index);
    }

    /**
     * @return the API state of a Whatsminer miner (tokens, power mode and limit, API v2 and v3
     *         behaviour), to steer and inspect it in tests
     * @throws IllegalArgumentException if the miner is no Whatsminer
     */
    public WhatsminerState whatsminer(SimulatedMiner miner) {
        return replies.whatsminer(miner);
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        loops.forEach(ServerLoop::close);
    }

    /** Opens or closes the miner's listeners to match its fault. */
    void relisten(SimulatedMiner miner) {
        ServerLoop loop = loopOf(miner);
        try {
            loop.call(() -> {
                if (miner.fault() == Fault.REFUSE) {
                    loop.unlisten(miner);
                } else {
                    loop.listen(miner, miner.address());
                    SecondApi api = replies.secondApi(miner);
                    if (api != null) {
                        loop.listenSecond(miner, api, miner.secondAddress());
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the miner's cgminer port (with {@code wholeBox} its second port too) for a while, as a restart does. */
    void refuseFor(SimulatedMiner miner, boolean wholeBox, Duration window) {
        ServerLoop loop = loopOf(miner);
        try {
            loop.call(() -> loop.refuseFor(miner, wholeBox, window.toNanos()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the API the miner's firmware serves on its second port, or {@code null} */
    SecondApi secondApi(SimulatedMiner miner) {
        return replies.secondApi(miner);
    }

    private ServerLoop loopOf(SimulatedMiner miner) {
        return loops.get(miner.index() % loops.size());
    }

    /** Settings of a simulator; every miner listens on a loopback address only. */
    public static final class Builder {
        private int miners = 1;
        private List<MinerModel> models = List.of(MinerModel.values());
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int basePort;
        private boolean consecutiveAddresses;
        private double faultRate;
        private long seed = 1;
        private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private Duration slowByteInterval = Duration.ofMillis(50);
        private Duration replyDelay = Duration.ZERO;
        private int secondPort;

        private Builder() {
        }

        public Builder miners(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one miner: " + count);
            }
            miners = count;
            return this;
        }

        /** Models handed out round-robin, miner i gets {@code models[i % n]}; all models by default. */
        public Builder models(MinerModel... models) {
            if (models.length == 0) {
                throw new IllegalArgumentException("no models");
            }
            this.models = List.of(models);
            return this;
        }

        /**
         * Miners listen on one address, miner i on {@code basePort + i}; base port 0 (the default)
         * gives every miner a free ephemeral port, which is what tests want.
         */
        public Builder listenOn(InetAddress address, int basePort) {
            this.bindAddress = requireLoopback(address);
            this.basePort = requirePort(basePort, true);
            this.consecutiveAddresses = false;
            return this;
        }

        /** Miner i listens on the i-th address from {@code first} (e.g. 127.1.0.1, 127.1.0.2 …), all on one port. */
        public Builder consecutiveAddresses(InetAddress first, int port) {
            this.bindAddress = requireLoopback(first);
            this.basePort = requirePort(port, false);
            this.consecutiveAddresses = true;
            return this;
        }

        /** Share of miners that start with a random fault, and (separately) with a random quirk. */
        public Builder faultRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("fault rate must be within 0..1: " + rate);
            }
            faultRate = rate;
            return this;
        }

        /** Seed of every random choice, so that runs repeat. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Selector threads serving the miners. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("at least one thread: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Pause between the bytes of a {@link Fault#SLOW} reply. */
        public Builder slowByteInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive: " + interval);
            }
            slowByteInterval = interval;
            return this;
        }

        /** Time every miner takes before it answers, as a real controller gathering its figures does; none by default. */
        public Builder replyDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
            replyDelay = delay;
            return this;
        }

        /**
         * Port of the second API (web, REST, API v3) of firmwares that have one. With consecutive
         * addresses every miner listens on it; otherwise miner i listens on {@code port + i}. 0
         * (the default) gives each a free ephemeral port.
         */
        public Builder secondPort(int port) {
            secondPort = requirePort(port, true);
            return this;
        }

        /** Binds every miner and starts serving. */
        public MinerSimulator start() throws IOException {
            ReplyBuilder replies = new ReplyBuilder();
            List<ServerLoop> loops = new ArrayList<>();
            List<SimulatedMiner> all = new ArrayList<>(miners);
            MinerSimulator simulator = new MinerSimulator(all, loops, replies);
            try {
                for (int t = 0; t < threads; t++) {
                    loops.add(new ServerLoop("miner-simulator-" + t, replies, slowByteInterval.toNanos(),
                            replyDelay.toNanos(),
                            seed + t));
                }
                for (int i = 0; i < miners; i++) {
                    all.add(new SimulatedMiner(i, models.get(i % models.size()), simulator, seed * 31 + i));
                }
                for (int t = 0; t < threads; t++) {
                    ServerLoop loop = loops.get(t);
                    int first = t;
                    loop.call(() -> {
                        for (int i = first; i < miners; i += threads) {
                            SimulatedMiner miner = all.get(i);
                            InetSocketAddress address = addressOf(i);
                            loop.listen(miner, address);
                            SecondApi api = replies.secondApi(miner);
                            if (api != null) {
                                loop.listenSecond(miner, api, secondAddressOf(i, address));
                            }
                        }
                    });
                }
                assignRandomFaults(all);
                return simulator;
            } catch (IOException | RuntimeException e) {
                simulator.close();
                throw e;
            }
        }

        private void assignRandomFaults(List<SimulatedMiner> all) {
            Random random = new Random(seed);
            Fault[] faults = EnumSet.complementOf(EnumSet.of(Fault.NONE)).toArray(Fault[]::new);
            Quirk[] quirks = Quirk.values();
            for (SimulatedMiner miner : all) {
                if (random.nextDouble() < faultRate) {
                    miner.setFault(faults[random.nextInt(faults.length)]);
                }
                if (random.nextDouble() < faultRate) {
                    miner.setQuirks(EnumSet.of(quirks[random.nextInt(quirks.length)]));
                }
            }
        }

        private InetSocketAddress addressOf(int index) throws IOException {
            if (!consecutiveAddresses) {
                return new InetSocketAddress(bindAddress, basePort == 0 ? 0 : requirePort(basePort + index, false));
            }
            byte[] bytes = bindAddress.getAddress();
            if (bytes.length != 4) {
                throw new IllegalArgumentException("consecutive addresses need IPv4: " + bindAddress);
            }
            int value = ((bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff)
                    + index;
            InetAddress address = InetAddress.getByAddress(new byte[] { (byte) (value >>> 24), (byte) (value >>> 16),
                (byte) (value >>> 8), (byte) value });
            return new InetSocketAddress(requireLoopback(address), basePort);
        }

        private InetSocketAddress secondAddressOf(int index, InetSocketAddress first) {
            int port = secondPort == 0 ? 0 : consecutiveAddresses ? secondPort : requirePort(secondPort + index, false);
            return new InetSocketAddress(first.getAddress(), port);
        }

        private static InetAddress requireLoopback(InetAddress address) {
            Objects.requireNonNull(address, "address");
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("the simulator listens on loopback addresses only, not " + address);
            }
            return address;
        }

        private static int requirePort(int port, boolean zeroAllowed) {
            if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return port;
        }
    }
}
