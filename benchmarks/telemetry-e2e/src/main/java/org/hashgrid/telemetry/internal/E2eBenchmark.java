package org.hashgrid.telemetry.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.Workers;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.hosting.PollTarget;
import org.hashgrid.model.internal.SchemaMigrator;
import org.hashgrid.testing.TestPostgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The telemetry pipeline end to end in one JVM, against simulated miners in another process:
 * {@link CgminerDriver} over loopback sockets (one address per miner) → {@link TelemetryPoller} →
 * {@link ReadingBuffer} → {@link TelemetryIngest} (binary COPY into {@code miner_telemetry}, the
 * latest states, {@link AlertEvaluator}, the rollups) on a fresh migrated database of the test
 * PostgreSQL. The miner simulator runs as its own process so that its CPU time is its own.
 * Prints throughput, lag from a read's attempt to the commit of its row, cycle durations, buffer,
 * CPU (this JVM by thread, the simulator, PostgreSQL), heap, and a linear projection to 100,000
 * miners read once a minute.
 */
public final class E2eBenchmark {
    /** 100,000 miners read once a minute: the load the projection is for. */
    private static final double TARGET_READS_PER_SECOND = 100_000 / 60.0;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Held: java.util.logging keeps loggers weakly, and Liquibase logs every changeset at INFO. */
    private static final java.util.logging.Logger LIQUIBASE = java.util.logging.Logger.getLogger("liquibase");

    private E2eBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LIQUIBASE.setLevel(java.util.logging.Level.WARNING);
        int miners = intOption(args, "--miners", 10_000);
        int interval = intOption(args, "--interval-seconds", 15);
        int minutes = intOption(args, "--minutes", 10);
        String simulatorJar = option(args, "--simulator-jar", "tools/miner-simulator/target/miner-simulator.jar");
        String firstAddress = option(args, "--first-address", "127.1.0.1");
        int port = intOption(args, "--port", 4028);

        Process simulator = startSimulator(simulatorJar, miners, firstAddress, port, minutes * 60 + 600);
        TestPostgres.Database database = TestPostgres.createDatabase("bench_e2e");
        try (HikariDataSource pool = pool(database);
                CgminerDriver driver = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            SchemaMigrator.migrate(pool);
            BenchmarkFleet.register(pool, miners, firstAddress, port);
            System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, heap max %d MiB; PostgreSQL %s%n", CORES,
                    System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20, scalar(pool, "SHOW server_version"));
            System.out.printf(Locale.ROOT,
                    "%,d simulated miners on %s… port %d (all models), read every %d s for %d min "
                            + "= %,.0f reads/s offered%n%n",
                    miners, firstAddress, port, interval, minutes, (double) miners / interval);
            new E2eBenchmark.Run(pool, new BenchmarkFleet(pool, driver), simulator, interval).measure(minutes, miners);
        } finally {
            simulator.destroy();
            if (!simulator.waitFor(10, TimeUnit.SECONDS)) {
                simulator.destroyForcibly();
            }
            TestPostgres.dropDatabase(database);
        }
    }

    /** One run of the pipeline, assembled as {@link TelemetryPipeline}'s constructor assembles it. */
    private static final class Run {
        private final HikariDataSource pool;
        private final BenchmarkFleet fleet;
        private final Process simulator;
        private final TelemetrySettings settings;
        private final TelemetryMetrics metrics = new TelemetryMetrics();
        private final LatestStates latest = new LatestStates();
        private final ReadingBuffer buffer;
        private final ExecutorService background;
        private final ExecutorService alertWorker;
        private final ScheduledExecutorService rollupTimer;
        private final AlertEvaluator alerts;
        private final TelemetryIngest ingest;
        private final TelemetryPoller poller;
        private final Probes.Lag lag = new Probes.Lag();
        private final List<Long> rollupMillis = java.util.Collections.synchronizedList(new ArrayList<>());

        Run(HikariDataSource pool, BenchmarkFleet fleet, Process simulator, int interval) {
            this.pool = pool;
            this.fleet = fleet;
            this.simulator = simulator;
            // The same lines as TelemetryPipeline's constructor (kept in step by hand: the component cannot take
            // the lag probe below); only the inventory, the drivers and the data source differ.
            settings = ConfigCheck.apply(TelemetryConfig.PID, TelemetryConfig.class, config(interval), null,
                    TelemetrySettings::read, System.err::println);
            buffer = new ReadingBuffer(settings.bufferCapacity());
            background = Workers.pool("hashgrid-telemetry-background", 2);
            Clock clock = Clock.systemUTC();
            MinerStatusTracker status = new MinerStatusTracker(fleet, settings::offlineAfterFailures, metrics,
                    background);
            TelemetryStore store = new TelemetryStore(pool);
            alertWorker = Workers.singleThread("hashgrid-telemetry-alerts");
            alerts = new AlertEvaluator(new AlertService(pool, fleet), pool, fleet, settings::offlineAfterFailures,
                    clock);
            // afterWrite runs right after the COPY of the batch returned, i.e. after its commit (autocommit)
            ingest = new TelemetryIngest(buffer, store, latest, status, (stored, outcomes) -> {
                lag.committed(stored, clock.millis());
                alerts.offer(alertWorker, stored, outcomes);
            }, metrics, settings::batchSize, clock);
            poller = new TelemetryPoller(fleet, fleet, buffer, metrics, () -> settings, background, clock,
                    targets -> retainLatest(store, targets));
            Rollups rollups = new Rollups(pool);
            rollupTimer = Workers.singleThread("hashgrid-telemetry-rollups");
            rollupTimer.scheduleWithFixedDelay(() -> {
                long started = System.nanoTime();
                try {
                    rollups.catchUp(Instant.now(), settings.interval());
                    rollupMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                } catch (SQLException e) {
                    System.err.println("rollup failed: " + e.getMessage());
                }
            }, 30, settings.rollupInterval().toSeconds(), TimeUnit.SECONDS);
        }

        private void retainLatest(TelemetryStore store, List<PollTarget> targets) {
            latest.retain(targets.stream().map(PollTarget::minerId).collect(Collectors.toSet()));
            try {
                store.retainLatest(targets.stream().mapToLong(PollTarget::minerId).toArray());
            } catch (SQLException e) {
                System.err.println("cannot prune the latest state: " + e.getMessage());
            }
        }

        /** Counters and CPU clocks (ns) at one moment. */
        private record Cpu(long at, long attempted, long reads, long answered, long written, long jvm, long simulator,
                long postgres, long gcMillis,
                Map<String, Long> threads) {
        }

        private Cpu cpu() {
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
            return new Cpu(System.nanoTime(), fleet.attempts.sum(), reads(), metrics.polled.sum(),
                    metrics.written.sum(), Probes.jvmCpuNanos(),
                    Probes.processCpuNanos(simulator),
                    Probes.postgresCpuNanos(), gc, Probes.threadCpuNanos());
        }

        private long reads() {
            return metrics.polled.sum() + metrics.failed.sum() + metrics.skipped.sum();
        }

        void measure(int minutes, int miners) throws Exception {
            ingest.start();
            poller.start();
            // the first cycle only lists the miners (the poller never waits for the database): the window starts
            // with the first cycle that reads, and lasts whole cycles
            while (metrics.lastCycleTargets == 0) {
                Thread.sleep(5);
            }
            Cpu start = cpu();
            long end = start.at() + TimeUnit.MINUTES.toNanos(minutes);
            long cyclesSeen = metrics.cycles.sum();
            List<Long> cycleMillis = new ArrayList<>();
            int bufferHigh = 0;
            long heapHigh = 0;
            long samples = 0;
            List<Cpu> minuteMarks = new ArrayList<>(List.of(start));
            System.out.println("minute  reads/s  rows/s  CPU-s/s: JVM  simulator  PostgreSQL  buffer high  heap used");
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                // the buffer is sampled every 20 ms: a peak shorter than that can be missed
                bufferHigh = Math.max(bufferHigh, buffer.size());
                if (metrics.cycles.sum() > cyclesSeen) {
                    cyclesSeen = metrics.cycles.sum();
                    cycleMillis.add(metrics.lastCycleMillis);
                }
                if (++samples % 50 == 0) {
                    heapHigh = Math.max(heapHigh, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
                if (now - minuteMarks.get(minuteMarks.size() - 1).at() >= TimeUnit.MINUTES.toNanos(1)) {
                    minuteMarks.add(cpu());
                    printMinute(minuteMarks, bufferHigh, heapHigh);
                }
                Thread.sleep(20);
            }
            Cpu stop = cpu();
            if (stop.at() - minuteMarks.get(minuteMarks.size() - 1).at() > TimeUnit.SECONDS.toNanos(1)) {
                minuteMarks.add(stop);
                printMinute(minuteMarks, bufferHigh, heapHigh);
            }
            long attempted = stop.attempted() - start.attempted();
            long reads = stop.reads() - start.reads();
            long answered = stop.answered() - start.answered();
            long written = stop.written() - start.written();
            long cyclesOverrun = metrics.cyclesOverrun.sum();
            // what was read in the window is still written and counted in the lag
            poller.stop(settings.readTimeout().plusSeconds(2));
            int left = ingest.stop(TelemetryPipeline.STOP_GRACE);
            rollupTimer.shutdownNow();
            background.shutdown();
            alertWorker.shutdown();
            alertWorker.awaitTermination(5, TimeUnit.SECONDS);

            double seconds = (stop.at() - start.at()) / 1e9;
            System.out.printf(Locale.ROOT, "%nwindow: %.1f s, %d whole cycles of %d s%n", seconds, cycleMillis.size(),
                    settings.interval().toSeconds());
            // the poller counts reads when they complete; the fleet counts them when they start
            System.out.printf(Locale.ROOT, "reads attempted: %,d = %,.1f/s; completed %,d = %,.1f/s, of which answered "
                    + "%,d = %,.1f/s (failed %d, skipped %d over the run)%n", attempted, attempted / seconds, reads,
                    reads / seconds, answered, answered / seconds, metrics.failed.sum(), metrics.skipped.sum());
            System.out.printf(Locale.ROOT, "rows written: %,d = %,.1f rows/s%n", written, written / seconds);
            System.out.printf(Locale.ROOT, "lag, read attempted → row committed (%,d rows): p50 %d ms, p95 %d ms, "
                    + "p99 %d ms, max %d ms%n", lag.count(), lag.percentile(50), lag.percentile(95), lag.percentile(99),
                    lag.max());
            cycleMillis.sort(Comparator.naturalOrder());
            if (!cycleMillis.isEmpty()) {
                System.out.printf(Locale.ROOT,
                        "cycle duration (dispatch spread over %d %% of the interval, then the last "
                                + "read): min %d ms, median %d ms, max %d ms vs interval %d ms; cycles overrun: %d%n",
                        TelemetryPoller.SPREAD_PERCENT, cycleMillis.get(0), cycleMillis.get(cycleMillis.size() / 2),
                        cycleMillis.get(cycleMillis.size() - 1), settings.interval().toMillis(), cyclesOverrun);
            }
            System.out.printf(Locale.ROOT, "buffer high-water mark %,d readings (sampled every 20 ms); dropped %d; "
                    + "write failures %d; left unwritten at stop %d%n", bufferHigh, buffer.dropped(),
                    metrics.writeFailures.sum(), left);
            System.out.printf(Locale.ROOT, "alerts raised %d, batches not evaluated %d; rollups %s ms%n",
                    alerts.raised.sum(), alerts.skipped.sum(), rollupMillis);
            System.gc(); // what stays: the driver, the latest states, the pool
            System.out.printf(Locale.ROOT,
                    "heap used: max %d MiB (sampled every second), %d MiB live after a full GC at "
                            + "the end; GC time in window %d ms%n",
                    heapHigh >> 20,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
                    stop.gcMillis() - start.gcMillis());
            verify(miners);

            System.out.printf(Locale.ROOT, "%nCPU over the window (seconds of CPU per second; %d cores = %d.0):%n",
                    CORES,
                    CORES);
            printCpu("whole window", start, stop);
            if (minuteMarks.size() > 2) {
                printCpu("after the first minute (JIT warm)", minuteMarks.get(1), stop);
            }
            System.out.println("  this JVM by thread over the window (CPU s; the rest is GC, JIT and ended threads):");
            threadSplit(start, stop).forEach((name, ns) -> System.out.printf(Locale.ROOT, "    %-40s %8.2f%n", name,
                    ns / 1e9));
        }

        private void printMinute(List<Cpu> marks, int bufferHigh, long heapHigh) {
            Cpu previous = marks.get(marks.size() - 2);
            Cpu mark = marks.get(marks.size() - 1);
            double s = (mark.at() - previous.at()) / 1e9;
            System.out.printf(Locale.ROOT, "%6d %8.0f %7.0f %12.2f %10.2f %11.2f %12d %6d MiB%n", marks.size() - 1,
                    (mark.reads() - previous.reads()) / s, (mark.written() - previous.written()) / s,
                    (mark.jvm() - previous.jvm()) / 1e9 / s, (mark.simulator() - previous.simulator()) / 1e9 / s,
                    (mark.postgres() - previous.postgres()) / 1e9 / s, bufferHigh, heapHigh >> 20);
        }

        private void printCpu(String label, Cpu from, Cpu to) {
            double s = (to.at() - from.at()) / 1e9;
            double readsPerSecond = (to.attempted() - from.attempted()) / s;
            double jvm = (to.jvm() - from.jvm()) / 1e9 / s;
            double sim = (to.simulator() - from.simulator()) / 1e9 / s;
            double pg = (to.postgres() - from.postgres()) / 1e9 / s;
            double platform = jvm + pg;
            double projected = platform / readsPerSecond * TARGET_READS_PER_SECOND;
            System.out.printf(Locale.ROOT, "  %s, %,.0f reads/s: platform JVM %.3f + PostgreSQL %.3f = %.3f CPU-s/s "
                    + "(%.3f ms per read); simulator %.3f CPU-s/s (%.3f ms per read)%n", label, readsPerSecond, jvm, pg,
                    platform, platform / readsPerSecond * 1000, sim, sim / readsPerSecond * 1000);
            System.out.printf(Locale.ROOT, "    linear projection to 100,000 miners every 60 s (%,.0f reads/s): "
                    + "%.2f CPU-s/s = %.0f %% of %d cores (platform + PostgreSQL, without the simulator)%n",
                    TARGET_READS_PER_SECOND, projected, projected / CORES * 100, CORES);
        }

        private static Map<String, Long> threadSplit(Cpu from, Cpu to) {
            Map<String, Long> split = new java.util.LinkedHashMap<>();
            to.threads().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - from.threads().getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(e -> e.getValue() > 10_000_000)
                    .forEach(e -> split.put(e.getKey(), e.getValue()));
            long threads = split.values().stream().mapToLong(Long::longValue).sum();
            split.put("(GC, JIT, ended threads: the rest)", (to.jvm() - from.jvm()) - threads);
            return split;
        }

        /** Every row written is in the table, every miner has its latest state. */
        private void verify(int miners) throws SQLException {
            long rows = Long.parseLong(scalar(pool, "SELECT count(*) FROM miner_telemetry"));
            long latestRows = Long.parseLong(scalar(pool, "SELECT count(*) FROM miner_latest_state"));
            System.out.printf(Locale.ROOT, "in the database: %,d rows in miner_telemetry (%,d written by the ingest), "
                    + "%,d latest states for %,d miners%n", rows, metrics.written.sum(), latestRows, miners);
        }
    }

    /** {@link TelemetryConfig} with its defaults but the interval, checked as the component checks it. */
    private static TelemetryConfig config(int intervalSeconds) {
        return (TelemetryConfig) Proxy.newProxyInstance(TelemetryConfig.class.getClassLoader(),
                new Class<?>[] { TelemetryConfig.class }, (proxy, method, arguments) -> switch (method.getName()) {
                    case "poll_interval_seconds" -> intervalSeconds;
                    case "annotationType" -> TelemetryConfig.class;
                    case "toString" -> "TelemetryConfig(poll_interval_seconds=" + intervalSeconds + ", defaults)";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    default -> method.getDefaultValue();
                });
    }

    /** The simulator in a process of its own, miner i on the i-th address from {@code firstAddress}. */
    private static Process startSimulator(String jar, int miners, String firstAddress, int port, int stopAfterSeconds)
            throws IOException {
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IOException("simulator jar not found: " + jar);
        }
        Process process =
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                        "-jar", jar, "--miners", Integer.toString(miners), "--addresses", firstAddress, "--port",
                        Integer.toString(port), "--stop-after", Integer.toString(stopAfterSeconds))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null;) {
            if (line.equals("READY")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> System.out.println("  simulator: " + l)),
                        "simulator-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
            System.out.println("  " + line);
        }
        throw new IOException("the simulator exited before it was ready");
    }

    private static HikariDataSource pool(TestPostgres.Database database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        // two writers, the latest-state flusher, the listing, the alerts and the rollups
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    private static String scalar(HikariDataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intOption(String[] args, String name, int fallback) {
        return Integer.parseInt(option(args, name, String.valueOf(fallback)));
    }
}
