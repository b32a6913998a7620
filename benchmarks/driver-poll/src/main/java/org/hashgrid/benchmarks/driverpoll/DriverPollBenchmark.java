package org.hashgrid.benchmarks.driverpoll;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts the miner simulator as a separate process, polls every miner once with the CGMiner
 * driver, then once with a naive blocking baseline (a fixed pool of threads, one plain socket per
 * call), and prints the wall times and their ratio.
 */
public final class DriverPollBenchmark {

    /** Models that answer "+" joins, so that driver and baseline hold the same one-request conversation. */
    private static final String JOINING_MODELS = "CGMINER_ASIC,WHATSMINER_M30S,AVALON_1246,ANTMINER_S9";
    /** Instant-reply Antminers, the one case where the peer client was faster per read than the old plan. */
    private static final String ANTMINERS = "ANTMINER_S19_PRO";
    /** The driver's read, as one joined request. */
    private static final String READ_REQUEST = request("summary+devs+pools+stats+version+devdetails");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int REPLY_DELAY_MS = 100;

    /** The simulator process of the current scenario, whose CPU time each pass reports. */
    private static Process simulatorProcess;

    private DriverPollBenchmark() {
    }

    /** @return CPU time used so far by this JVM and by the simulator process, in ms */
    private static long[] cpuMillis() {
        long self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        long simulator = simulatorProcess.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        return new long[] { self, simulator };
    }

    private static String cpuSince(long[] before) {
        long[] now = cpuMillis();
        return String.format("CPU: this JVM %d ms, simulator %d ms", now[0] - before[0], now[1] - before[1]);
    }

    public static void main(String[] args) throws Exception {
        String simulatorJar = "tools/miner-simulator/target/miner-simulator.jar";
        int miners = 10_000;
        int basePort = 14_028;
        int baselineThreads = 200;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--simulator-jar" -> simulatorJar = args[i + 1];
                case "--miners" -> miners = Integer.parseInt(args[i + 1]);
                case "--base-port" -> basePort = Integer.parseInt(args[i + 1]);
                case "--baseline-threads" -> baselineThreads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("machine: %d cores, Java %s, driver JVM max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));

        List<MinerEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < miners; i++) {
            endpoints.add(new MinerEndpoint("127.0.0.1", basePort + i));
        }
        simulatorProcess = startSimulator(simulatorJar, miners, basePort, JOINING_MODELS, 0);
        try (CgminerDriver driver = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            System.out.printf("%n%d miners answering joins (%s) at once; first pass summary+devs+pools+stats+version+devdetails each, then each family's warm plan:%n",
                    miners, JOINING_MODELS);
            long cold = pollWithDriver(driver, endpoints, "driver, first pass (cold JIT)");
            long warm = pollWithDriver(driver, endpoints, "driver, second pass (warm plan)");
            long baseline = pollBlocking(endpoints, baselineThreads, List.of(READ_REQUEST))[0];
            System.out.printf("  ratio baseline / driver: %.2f (second pass), %.2f (first pass)%n", (double) baseline / warm,
                    (double) baseline / cold);
        } finally {
            stop(simulatorProcess);
        }
        simulatorProcess = startSimulator(simulatorJar, miners, basePort, JOINING_MODELS, REPLY_DELAY_MS);
        // each scenario is another fleet on the same ports: a fresh driver, as the identities it knew are wrong
        try (CgminerDriver driver = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            System.out.printf("%nthe same miners taking %d ms to answer, as a miner's controller does:%n", REPLY_DELAY_MS);
            long driverMs = pollWithDriver(driver, endpoints, "driver");
            long baseline = pollBlocking(endpoints, baselineThreads, List.of(READ_REQUEST))[0];
            System.out.printf("  ratio baseline / driver: %.2f%n", (double) baseline / driverMs);
        } finally {
            stop(simulatorProcess);
        }
        simulatorProcess = startSimulator(simulatorJar, miners, basePort, ANTMINERS, 0);
        try (CgminerDriver coldOnly = new CgminerDriver(CgminerSettings.DEFAULTS.withIdentityTtl(Duration.ZERO));
                CgminerDriver planned = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            System.out.printf("%n%d Antminer S19 Pro answering at once (bmminer refuses joins: one command per connection):%n",
                    miners);
            pollWithDriver(coldOnly, endpoints, "old plan (every read cold), first pass");
            long[] old = pollWithDriverCpu(coldOnly, endpoints, "old plan: summary, pools, stats");
            pollWithDriver(planned, endpoints, "command plan, cold pass (learns the family)");
            long[] warm = pollWithDriverCpu(planned, endpoints, "command plan, warm pass: stats, pools");
            long[] baseline = pollBlocking(endpoints, baselineThreads,
                    List.of(request("summary"), request("pools"), request("stats")));
            System.out.printf("  CPU per read: warm %.3f ms, old plan %.3f ms, blocking baseline %.3f ms; "
                    + "warm / old plan %.2f, warm / baseline %.2f%n", (double) warm[1] / miners, (double) old[1] / miners,
                    (double) baseline[1] / miners, (double) warm[1] / old[1], (double) warm[1] / baseline[1]);
        } finally {
            stop(simulatorProcess);
        }
        simulatorProcess = startSimulator(simulatorJar, miners, basePort, "", 0);
        try (CgminerDriver driver = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            System.out.printf("%n%d miners of all simulated models (S19/S21 refuse joins: 3 requests each, after a refused join on the first pass):%n",
                    miners);
            pollWithDriver(driver, endpoints, "driver, first pass");
            pollWithDriver(driver, endpoints, "driver, second pass");
        } finally {
            stop(simulatorProcess);
        }
    }

    private static long pollWithDriver(CgminerDriver driver, List<MinerEndpoint> endpoints, String label) {
        return pollWithDriverCpu(driver, endpoints, label)[0];
    }

    /** @return wall time and CPU time of this JVM during the pass, in ms */
    private static long[] pollWithDriverCpu(CgminerDriver driver, List<MinerEndpoint> endpoints, String label) {
        Map<FailureKind, AtomicInteger> failures = new EnumMap<>(FailureKind.class);
        AtomicInteger ok = new AtomicInteger();
        long[] cpu = cpuMillis();
        long start = System.nanoTime();
        List<CompletableFuture<?>> reads = new ArrayList<>(endpoints.size());
        for (MinerEndpoint endpoint : endpoints) {
            reads.add(driver.read(endpoint, TIMEOUT).toCompletableFuture().handle((reading, failure) -> {
                if (failure == null) {
                    ok.incrementAndGet();
                } else {
                    failures.computeIfAbsent(DriverException.unwrap(failure).kind(), k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long cpuMs = cpuMillis()[0] - cpu[0];
        synchronized (failures) {
            System.out.printf("  %-55s %6d ms  %d ok, failures %s; %s%n", label, ms, ok.get(), failures, cpuSince(cpu));
        }
        return new long[] { ms, cpuMs };
    }

    /**
     * The naive way: a fixed pool of threads, each miner asked every request in turn on a blocking
     * socket of its own, read to the end and parsed strictly.
     *
     * @return wall time and CPU time of this JVM during the pass, in ms
     */
    private static long[] pollBlocking(List<MinerEndpoint> endpoints, int threads, List<String> requests)
            throws InterruptedException {
        ObjectMapper mapper = new ObjectMapper();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger unparsable = new AtomicInteger();
        long[] cpu = cpuMillis();
        long start = System.nanoTime();
        List<Future<?>> calls = new ArrayList<>();
        for (MinerEndpoint endpoint : endpoints) {
            calls.add(pool.submit(() -> {
                try {
                    boolean parsed = true;
                    for (String request : requests) {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 3000);
                            socket.setSoTimeout((int) TIMEOUT.toMillis());
                            OutputStream out = socket.getOutputStream();
                            out.write(request.getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            byte[] reply = readToNul(socket.getInputStream());
                            try {
                                mapper.readTree(reply);
                            } catch (IOException e) {
                                // a strict parser cannot read the S9's "}{": the round trip was still done
                                parsed = false;
                            }
                        }
                    }
                    (parsed ? ok : unparsable).incrementAndGet();
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            }));
        }
        for (Future<?> call : calls) {
            try {
                call.get();
            } catch (ExecutionException e) {
                failed.incrementAndGet();
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long cpuMs = cpuMillis()[0] - cpu[0];
        pool.shutdown();
        System.out.printf("  %-55s %6d ms  %d ok, %d not parsable, %d failed; %s%n",
                "blocking baseline, " + requests.size() + " request(s), " + threads + " threads", ms, ok.get(),
                unparsable.get(), failed.get(), cpuSince(cpu));
        return new long[] { ms, cpuMs };
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

    private static Process startSimulator(String jar, int miners, int basePort, String models, int replyDelayMs)
            throws IOException {
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IOException("simulator jar not found: " + jar);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", jar, "--miners", Integer.toString(miners), "--base-port", Integer.toString(basePort), "--stop-after", "600", "--reply-delay-ms", Integer.toString(replyDelayMs)));
        if (!models.isEmpty()) {
            command.addAll(List.of("--models", models));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long start = System.nanoTime();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) {
                System.out.printf("simulator process %d ready in %d ms%n", process.pid(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                return process;
            }
            System.out.println("  " + line);
        }
        throw new IOException("the simulator exited before it was ready");
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
