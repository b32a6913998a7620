package org.hashgrid.tools.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Command line: {@code java -jar miner-simulator.jar --miners 1000 --fault-rate 0.01 --base-port 14028}.
 * Prints one {@code READY} line once every miner listens, then serves until killed or until
 * {@code --stop-after} seconds have passed.
 */
public final class SimulatorMain {

    private static final String USAGE = """
            usage: java -jar miner-simulator.jar [options]
              --miners N            number of miners (default 1)
              --base-port P         miner i listens on 127.0.0.1:P+i (default 14028)
              --addresses A         miner i listens on the i-th loopback address from A (e.g. 127.1.0.1) ...
              --port P              ... on this port (default 4028)
              --second-port P       web/REST/API v3 port of firmwares that have one: P with --addresses,
                                    else P+i (default: a free port per miner)
              --fault-rate R        share of miners with a random fault, and of miners with a random quirk (default 0)
              --models M,M          models handed out round-robin, e.g. ANTMINER_S19_PRO,WHATSMINER_M30S (default all)
              --threads T           selector threads (default 2)
              --reply-delay-ms D    every miner waits D ms before it answers (default 0)
              --seed S              seed of the random choices (default 1)
              --stop-after SECONDS  exit by itself after this long (default: run until killed)
            models: %s
            """;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        MinerSimulator.Builder builder = MinerSimulator.builder();
        int basePort = 14028;
        int port = 4028;
        String addresses = null;
        long stopAfter = 0;
        int miners = 1;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.printf(USAGE, List.of(MinerModel.values()));
                return;
            }
            if (i + 1 >= args.length) {
                fail("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--miners" -> {
                    miners = Integer.parseInt(value);
                    builder.miners(miners);
                }
                case "--base-port" -> basePort = Integer.parseInt(value);
                case "--addresses" -> addresses = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--second-port" -> builder.secondPort(Integer.parseInt(value));
                case "--fault-rate" -> builder.faultRate(Double.parseDouble(value));
                case "--models" -> builder.models(parseModels(value));
                case "--threads" -> builder.threads(Integer.parseInt(value));
                case "--reply-delay-ms" -> builder.replyDelay(Duration.ofMillis(Long.parseLong(value)));
                case "--seed" -> builder.seed(Long.parseLong(value));
                case "--stop-after" -> stopAfter = Long.parseLong(value);
                default -> fail("unknown option " + option);
            }
        }
        String where;
        if (addresses != null) {
            builder.consecutiveAddresses(InetAddress.getByName(addresses), port);
            where = "consecutive addresses from " + addresses + " port " + port;
        } else {
            builder.listenOn(InetAddress.getLoopbackAddress(), basePort);
            where = "127.0.0.1 ports " + basePort + "-" + (basePort + miners - 1);
        }
        MinerSimulator simulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        System.out.println("miner-simulator: " + miners + " miners on " + where + "; " + faultSummary(simulator));
        System.out.println("READY");
        System.out.flush();
        if (stopAfter > 0) {
            stopped.await(stopAfter, TimeUnit.SECONDS);
            System.exit(0);
        }
        stopped.await();
    }

    private static MinerModel[] parseModels(String value) {
        List<MinerModel> models = new ArrayList<>();
        for (String name : value.split(",")) {
            models.add(MinerModel.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        return models.toArray(MinerModel[]::new);
    }

    private static String faultSummary(MinerSimulator simulator) {
        Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
        int quirky = 0;
        for (SimulatedMiner miner : simulator.miners()) {
            faults.merge(miner.fault(), 1, Integer::sum);
            quirky += miner.quirks().isEmpty() ? 0 : 1;
        }
        return "faults " + faults + ", miners with a quirk " + quirky;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.printf(USAGE, List.of(MinerModel.values()));
        System.exit(2);
    }
}
