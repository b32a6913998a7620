package org.hashgrid.benchmarks.driverpoll;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts the miner simulator as separate processes and measures, side by side in one run: polls of
 * 10,000 miners with the CGMiner driver against a blocking thread-per-call baseline (joining
 * models, 100 ms replies, Antminer S19 Pro, all models); a mixed fleet read through each miner's
 * own driver against the CGMiner driver alone and the baseline; and a STOP to 10,000 miners of
 * each firmware dialect, cold and warm. See benchmarks/README.md.
 */
public final class DriverPollBenchmark {

    /** Models that answer "+" joins, so that driver and baseline hold the same one-request conversation. */
    private static final List<String> JOINING_MODELS =
            List.of("CGMINER_ASIC", "WHATSMINER_M30S", "AVALON_1246", "ANTMINER_S9");
    /** Instant-reply Antminers, the one case where the peer client was faster per read than the old plan. */
    private static final List<String> ANTMINERS = List.of("ANTMINER_S19_PRO");
    private static final List<String> ALL_MODELS = List.of("ANTMINER_S9", "ANTMINER_S19_PRO", "ANTMINER_S19J_PRO",
            "ANTMINER_S21", "WHATSMINER_M30S", "WHATSMINER_M60S", "AVALON_1246", "CGMINER_ASIC", "ANTMINER_S19_LUXOS",
            "ANTMINER_S19_BRAIINS");
    /** A fleet of every firmware family with a driver of its own, and stock cgminer. */
    private static final List<String> MIXED_FLEET = List.of("CGMINER_ASIC", "ANTMINER_S19_PRO", "ANTMINER_S21",
            "WHATSMINER_M30S", "WHATSMINER_M60S", "ANTMINER_S19_LUXOS", "ANTMINER_S19_BRAIINS");
    /** Fleets of one firmware dialect each, for the STOP. */
    private static final Map<String, List<String>> DIALECTS = new LinkedHashMap<>();
    /** bmminer refuses joins: a peer client asks these one per connection. */
    private static final Set<String> REFUSE_JOINS = Set.of("ANTMINER_S19_PRO", "ANTMINER_S19J_PRO", "ANTMINER_S21");
    /** The old plan's read, as one joined request. */
    private static final String READ_REQUEST = request("summary+devs+pools+stats+version+devdetails");
    private static final List<String> ONE_BY_ONE = List.of(request("summary"), request("pools"), request("stats"));
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Control calls get 30 s, as the Antminer driver's README asks (a slow CGI may take ~21 s). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final int REPLY_DELAY_MS = 100;
    /** Antminer readings keep the work mode this long (modeCacheSeconds' default); a poll after it reads it again. */
    private static final long MODE_CACHE_MS = 30_000;
    private static final MinerCredentials CREDENTIALS = new MinerCredentials("root", "root");

    static {
        DIALECTS.put("antminer", List.of("ANTMINER_S19_PRO", "ANTMINER_S21"));
        DIALECTS.put("whatsminer-v2", List.of("WHATSMINER_M30S"));
        DIALECTS.put("whatsminer-v3", List.of("WHATSMINER_M60S"));
        DIALECTS.put("luxos", List.of("ANTMINER_S19_LUXOS"));
        DIALECTS.put("braiins", List.of("ANTMINER_S19_BRAIINS"));
        DIALECTS.put("cgminer", List.of("CGMINER_ASIC"));
    }

    /** One simulated miner as the platform knows it. */
    private record Miner(String model, MinerAccess access) {

        MinerEndpoint endpoint() {
            return access.endpoint();
        }
    }

    private final Simulators.Layout layout;
    private final int miners;
    private final int baselineThreads;

    private DriverPollBenchmark(Simulators.Layout layout, int miners, int baselineThreads) {
        this.layout = layout;
        this.miners = miners;
        this.baselineThreads = baselineThreads;
    }

    public static void main(String[] args) throws Exception {
        String simulatorJar = "tools/miner-simulator/target/miner-simulator.jar";
        int miners = 10_000;
        String firstAddress = "127.60.0.1";
        int port = 4028;
        int secondPort = 14433;
        int perProcess = 5000;
        int baselineThreads = 200;
        List<String> scenarios = List.of("joining", "delay", "s19", "all", "mixed", "stop");
        List<String> dialects = List.copyOf(DIALECTS.keySet());
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--simulator-jar" -> simulatorJar = value;
                case "--miners" -> miners = Integer.parseInt(value);
                case "--first-address" -> firstAddress = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--second-port" -> secondPort = Integer.parseInt(value);
                case "--miners-per-simulator" -> perProcess = Integer.parseInt(value);
                case "--baseline-threads" -> baselineThreads = Integer.parseInt(value);
                case "--scenarios" -> scenarios = List.of(value.split(","));
                case "--dialects" -> dialects = List.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("missing value after " + args[args.length - 1]);
        }
        System.out.printf("machine: %d cores, Java %s, driver JVM max heap %d MiB, common pool parallelism %d; "
                + "%d miners from %s port %d, second port %d, %d miners per simulator process%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), ForkJoinPool.getCommonPoolParallelism(), miners,
                firstAddress, port, secondPort, perProcess);
        DriverPollBenchmark benchmark = new DriverPollBenchmark(new Simulators.Layout(simulatorJar,
                InetAddress.getByName(firstAddress), port, secondPort, perProcess), miners, baselineThreads);
        for (String scenario : scenarios) {
            switch (scenario) {
                case "joining" -> benchmark.joiningModels();
                case "delay" -> benchmark.slowReplies();
                case "s19" -> benchmark.antminers();
                case "all" -> benchmark.allModels();
                case "mixed" -> benchmark.mixedFleet();
                case "stop" -> {
                    for (String dialect : dialects) {
                        benchmark.stop(dialect);
                    }
                }
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        System.out.printf("%n| pass | wall | CPU driver JVM | CPU per call | CPU simulators | outcome |%n"
                + "|---|---|---|---|---|---|%n");
        Pass.results().forEach(result -> System.out.println(result.row()));
    }

    /** Scenario 1: models that answer joins, driver cold and warm against the blocking baseline. */
    private void joiningModels() throws Exception {
        List<Miner> fleet = fleet(JOINING_MODELS);
        System.out.printf("%n%d miners answering joins (%s) at once; first pass summary+devs+pools+stats+version"
                + "+devdetails each, then each family's warm plan:%n", miners, JOINING_MODELS);
        try (Simulators simulators = Simulators.start(layout, miners, JOINING_MODELS, 0);
                CgminerDriver driver = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            Pass.Result cold = read(simulators, "joining models: driver, first pass (cold JIT, cold plans)", fleet,
                    driver);
            Pass.Result warm = read(simulators, "joining models: driver, second pass (warm plans)", fleet, driver);
            Pass.Result baseline = blocking(simulators, "joining models: blocking baseline", fleet);
            System.out.printf("  ratio baseline / driver wall: %.2f (second pass), %.2f (first pass)%n",
                    (double) baseline.wallMs() / warm.wallMs(), (double) baseline.wallMs() / cold.wallMs());
        }
    }

    /** Scenario 2: the same miners taking 100 ms to answer, as a miner's controller does. */
    private void slowReplies() throws Exception {
        List<Miner> fleet = fleet(JOINING_MODELS);
        System.out.printf("%nthe same miners taking %d ms to answer:%n", REPLY_DELAY_MS);
        try (Simulators simulators = Simulators.start(layout, miners, JOINING_MODELS, REPLY_DELAY_MS);
                CgminerDriver driver = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            Pass.Result driven = read(simulators, "100 ms replies: driver (cold)", fleet, driver);
            Pass.Result baseline = blocking(simulators, "100 ms replies: blocking baseline", fleet);
            System.out.printf("  ratio baseline / driver wall: %.2f%n", (double) baseline.wallMs() / driven.wallMs());
        }
    }

    /** Scenario 3: Antminer S19 Pro, which refuse joins: old plan, command plan, baseline. */
    private void antminers() throws Exception {
        List<Miner> fleet = fleet(ANTMINERS);
        System.out.printf("%n%d Antminer S19 Pro answering at once (bmminer refuses joins: one command per "
                + "connection):%n", miners);
        try (Simulators simulators = Simulators.start(layout, miners, ANTMINERS, 0);
                CgminerDriver coldOnly = new CgminerDriver(CgminerSettings.DEFAULTS.withIdentityTtl(Duration.ZERO));
                CgminerDriver planned = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            read(simulators, "S19 Pro: old plan, first pass (learns the refused join)", fleet, coldOnly);
            Pass.Result old = read(simulators, "S19 Pro: old plan (summary, pools, stats every read)", fleet,
                    coldOnly);
            read(simulators, "S19 Pro: command plan, cold pass", fleet, planned);
            Pass.Result warm = read(simulators, "S19 Pro: command plan, warm pass (stats, pools)", fleet, planned);
            Pass.Result baseline = blocking(simulators, "S19 Pro: blocking baseline summary, pools, stats", fleet);
            System.out.printf("  CPU per read: warm %.3f ms, old plan %.3f ms, blocking baseline %.3f ms; "
                    + "warm / old plan %.2f, warm / baseline %.2f%n", warm.cpuPerCallMs(), old.cpuPerCallMs(),
                    baseline.cpuPerCallMs(), (double) warm.cpuMs() / old.cpuMs(),
                    (double) warm.cpuMs() / baseline.cpuMs());
        }
    }

    /** Scenario 4: every simulated model through the CGMiner driver. */
    private void allModels() throws Exception {
        List<Miner> fleet = fleet(ALL_MODELS);
        System.out.printf("%n%d miners of all simulated models through the CGMiner driver:%n", miners);
        try (Simulators simulators = Simulators.start(layout, miners, ALL_MODELS, 0);
                CgminerDriver driver = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            read(simulators, "all models: CGMiner driver, first pass", fleet, driver);
            read(simulators, "all models: CGMiner driver, second pass (warm)", fleet, driver);
        }
    }

    /**
     * Scenario 5: a mixed fleet, each miner read through its own driver with its control port and
     * credentials, against the CGMiner driver alone (old full plan, and command plans) and the
     * blocking baseline, on the same simulated fleet.
     */
    private void mixedFleet() throws Exception {
        List<Miner> fleet = fleet(MIXED_FLEET);
        System.out.printf("%n%d miners of a mixed fleet (%s), each read through its own driver:%n", miners,
                MIXED_FLEET);
        try (Simulators simulators = Simulators.start(layout, miners, MIXED_FLEET, 0);
                Drivers drivers = new Drivers()) {
            Function<Miner, CompletionStage<MinerReading>> ownDriver =
                    miner -> drivers.of(miner.model()).read(miner.access(), READ_TIMEOUT);
            Pass.run("mixed: own drivers, first pass (cold: JIT, plans, API generations, logins)", simulators, fleet,
                    ownDriver, reading -> {
                    }, Miner::model);
            long warmStart = System.nanoTime();
            Pass.run("mixed: own drivers, second pass (Antminer work modes cached)", simulators, fleet, ownDriver,
                    reading -> {
                    }, Miner::model);
            Pass.run("mixed: own drivers, third pass (Antminer work modes cached)", simulators, fleet, ownDriver,
                    reading -> {
                    }, Miner::model);
            Pass.Result warm = Pass.run("mixed: own drivers, fourth pass (warm, Antminer work modes cached)",
                    simulators, fleet, ownDriver, reading -> {
                    }, Miner::model);
            Pass.Result oldPlan;
            try (CgminerDriver coldOnly = new CgminerDriver(CgminerSettings.DEFAULTS.withIdentityTtl(Duration.ZERO))) {
                read(simulators, "mixed: CGMiner driver alone, old full plan, first pass", fleet, coldOnly);
                oldPlan = read(simulators, "mixed: (a) CGMiner driver alone, old full plan (identityTtl 0)", fleet,
                        coldOnly);
            }
            Pass.Result plans;
            try (CgminerDriver planned = new CgminerDriver(CgminerSettings.DEFAULTS)) {
                read(simulators, "mixed: CGMiner driver alone, command plans, first pass", fleet, planned);
                plans = read(simulators, "mixed: CGMiner driver alone, command plans, warm pass", fleet, planned);
            }
            Pass.Result baseline = blocking(simulators, "mixed: (b) blocking baseline", fleet);
            long wait = MODE_CACHE_MS + 1000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmStart);
            if (wait > 0) {
                Thread.sleep(wait);
            }
            Pass.Result poll = Pass.run("mixed: own drivers, warm pass with the Antminer work modes asked again",
                    simulators, fleet, ownDriver, reading -> {
                    }, Miner::model);
            for (String model : MIXED_FLEET) {
                List<Miner> some = fleet.stream().filter(miner -> miner.model().equals(model)).toList();
                Pass.run("mixed: own drivers, warm, " + model + " only (" + drivers.of(model).id() + ")", simulators,
                        some, ownDriver, reading -> {
                        });
            }
            for (Pass.Result own : List.of(warm, poll)) {
                System.out.printf("  %s: wall %d ms; CPU per read %.3f ms = %.2f x the CGMiner driver's old plan "
                        + "(%.3f ms), %.2f x its command plans (%.3f ms), %.2f x the blocking baseline (%.3f ms); "
                        + "wall / old plan %.2f, wall / baseline %.2f%n", own.label(), own.wallMs(),
                        own.cpuPerCallMs(), own.cpuPerCallMs() / oldPlan.cpuPerCallMs(), oldPlan.cpuPerCallMs(),
                        own.cpuPerCallMs() / plans.cpuPerCallMs(), plans.cpuPerCallMs(),
                        own.cpuPerCallMs() / baseline.cpuPerCallMs(), baseline.cpuPerCallMs(),
                        (double) own.wallMs() / oldPlan.wallMs(), (double) own.wallMs() / baseline.wallMs());
            }
        }
    }

    /**
     * Scenario 6: a STOP to every miner of one dialect through its driver with credentials: cold
     * (fresh drivers: no token, session, nonce or API generation known), then START, a poll and a
     * warm STOP, and a read that counts the miners that stopped hashing.
     */
    private void stop(String dialect) throws Exception {
        List<String> models = DIALECTS.get(dialect);
        if (models == null) {
            throw new IllegalArgumentException("unknown dialect " + dialect + ", known: " + DIALECTS.keySet());
        }
        List<Miner> fleet = fleet(models);
        System.out.printf("%nSTOP to %d miners of dialect %s (%s):%n", miners, dialect, models);
        try (Simulators simulators = Simulators.start(layout, miners, models, 0); Drivers drivers = new Drivers()) {
            MinerDriver driver = drivers.of(models.get(0));
            String prefix = "STOP " + dialect + ": ";
            Pass.run(prefix + "STOP, cold (first contact)", simulators, fleet,
                    miner -> driver.execute(miner.access(), MinerCommand.stop(), COMMAND_TIMEOUT), result -> {
                    });
            Pass.run(prefix + "START", simulators, fleet,
                    miner -> driver.execute(miner.access(), MinerCommand.start(), COMMAND_TIMEOUT), result -> {
                    });
            Pass.run(prefix + "poll", simulators, fleet, miner -> driver.read(miner.access(), READ_TIMEOUT),
                    reading -> {
                    });
            Pass.run(prefix + "STOP, warm (after a poll)", simulators, fleet,
                    miner -> driver.execute(miner.access(), MinerCommand.stop(), COMMAND_TIMEOUT), result -> {
                    });
            AtomicInteger stopped = new AtomicInteger();
            Pass.run(prefix + "read after the STOP", simulators, fleet,
                    miner -> driver.read(miner.access(), READ_TIMEOUT), reading -> {
                        if (reading.hashrateThs().orElse(-1) == 0
                                || reading.mode().map(MinerMode.SLEEP::equals).orElse(false)) {
                            stopped.incrementAndGet();
                        }
                    });
            System.out.printf("  %d of %d readings after the STOP show 0 TH/s or mode SLEEP%n", stopped.get(),
                    fleet.size());
        }
    }

    private List<Miner> fleet(List<String> models) throws IOException {
        List<Miner> fleet = new ArrayList<>(miners);
        for (int i = 0; i < miners; i++) {
            String model = models.get(i % models.size());
            MinerAccess access = MinerAccess.of(new MinerEndpoint(
                    Simulators.address(layout.first(), i).getHostAddress(), layout.port()));
            if (!model.equals("CGMINER_ASIC") && !model.equals("AVALON_1246")) {
                access = access.withControlPort(layout.secondPort()).withCredentials(CREDENTIALS);
            }
            fleet.add(new Miner(model, access));
        }
        return fleet;
    }

    private static Pass.Result read(Simulators simulators, String label, List<Miner> fleet, CgminerDriver driver) {
        return Pass.run(label, simulators, fleet, miner -> driver.read(miner.endpoint(), READ_TIMEOUT), reading -> {
        });
    }

    /**
     * The naive way: a fixed pool of threads, each miner asked in turn on a blocking socket of its
     * own per request (the old plan's join, or summary, pools and stats one by one where bmminer
     * refuses joins), read to the NUL and parsed strictly (no repair, no mapping).
     */
    private Pass.Result blocking(Simulators simulators, String label, List<Miner> fleet) {
        ObjectMapper mapper = new ObjectMapper();
        ExecutorService pool = Executors.newFixedThreadPool(baselineThreads);
        AtomicInteger unparsable = new AtomicInteger();
        try {
            Pass.Result result = Pass.run(label + ", " + baselineThreads + " threads", simulators, fleet,
                    miner -> CompletableFuture.supplyAsync(() -> {
                        boolean parsed = true;
                        for (String request : REFUSE_JOINS.contains(miner.model()) ? ONE_BY_ONE
                                : List.of(READ_REQUEST)) {
                            byte[] reply = exchange(miner.endpoint(), request);
                            try {
                                mapper.readTree(reply);
                            } catch (IOException e) {
                                // a strict parser cannot read the S9's "}{": the round trip was still made
                                parsed = false;
                            }
                        }
                        if (!parsed) {
                            unparsable.incrementAndGet();
                        }
                        return parsed;
                    }, pool), parsed -> {
                    });
            if (unparsable.get() > 0) {
                System.out.printf("  (%d replies not parsable strictly; their round trips were made and timed)%n",
                        unparsable.get());
            }
            return result;
        } finally {
            pool.shutdown();
        }
    }

    private static byte[] exchange(MinerEndpoint endpoint, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 3000);
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readToNul(socket.getInputStream());
        } catch (IOException e) {
            throw new java.util.concurrent.CompletionException(
                    new DriverException(FailureKind.UNREACHABLE, endpoint + ": " + e, e));
        }
    }

    private static String request(String command) {
        return "{\"command\":\"" + command + "\",\"parameter\":\"\"}";
    }

    private static byte[] readToNul(InputStream in) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int length = 0;
        int n;
        while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
            for (int i = length; i < length + n; i++) {
                if (buffer[i] == 0) {
                    return Arrays.copyOf(buffer, i);
                }
            }
            length += n;
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        return Arrays.copyOf(buffer, length);
    }
}
