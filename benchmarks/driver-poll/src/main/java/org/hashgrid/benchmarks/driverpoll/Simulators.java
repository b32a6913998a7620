package org.hashgrid.benchmarks.driverpoll;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The miner simulator as separate processes, each serving a consecutive share of the fleet: miner
 * i on the i-th loopback address from the first one, on the cgminer port, and on the second port
 * when its firmware has a web, REST or API v3 interface. One process holds a listener per port and
 * every open connection, so the fleet is split to stay within the descriptors a process may open.
 */
final class Simulators implements AutoCloseable {

    /** Where the simulators listen and how they are started. */
    record Layout(String jar, InetAddress first, int port, int secondPort, int minersPerProcess) {
    }

    private final List<Process> processes;

    private Simulators(List<Process> processes) {
        this.processes = processes;
    }

    /**
     * Starts processes serving {@code miners} miners of {@code models} handed out round-robin over
     * the whole fleet (miner i is {@code models[i % n]}), and waits until every one is ready.
     */
    static Simulators start(Layout layout, int miners, List<String> models, int replyDelayMs) throws IOException {
        if (!Files.isRegularFile(Path.of(layout.jar()))) {
            throw new IOException("simulator jar not found: " + layout.jar());
        }
        List<Process> started = new ArrayList<>();
        Simulators simulators = new Simulators(started);
        long begin = System.nanoTime();
        try {
            for (int from = 0; from < miners; from += layout.minersPerProcess()) {
                int count = Math.min(layout.minersPerProcess(), miners - from);
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx1g"));
                // e.g. -Dsimulator.jvmOptions=-XX:StartFlightRecording=filename=/tmp/sim.jfr to profile the simulators
                String options = System.getProperty("simulator.jvmOptions", "").replace("%p", Integer.toString(
                        started.size()));
                if (!options.isBlank()) {
                    command.addAll(List.of(options.trim().split("\\s+")));
                }
                command.addAll(List.of("-jar", layout.jar(), "--miners", Integer.toString(count), "--addresses",
                        address(layout.first(), from).getHostAddress(), "--port", Integer.toString(layout.port()),
                        "--second-port", Integer.toString(layout.secondPort()), "--stop-after", "1800",
                        "--reply-delay-ms", Integer.toString(replyDelayMs), "--models", String.join(",",
                                rotated(models, from))));
                started.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            for (Process process : started) {
                awaitReady(process);
            }
        } catch (IOException | RuntimeException e) {
            simulators.close();
            throw e;
        }
        System.out.printf("  simulator: %d miners in %d process(es), ready in %d ms; load average %.2f%n", miners,
                started.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return simulators;
    }

    /** @return the address of miner {@code index}: the {@code index}-th from {@code first} */
    static InetAddress address(InetAddress first, int index) throws UnknownHostException {
        byte[] bytes = first.getAddress();
        int value = ((bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff)
                + index;
        return InetAddress.getByAddress(
                new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value });
    }

    /** @return CPU time used so far by every simulator process, in ms */
    long cpuMillis() {
        long total = 0;
        for (Process process : processes) {
            total += process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
        }
        return total;
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The model list as seen from miner {@code from}, so that round-robin continues across processes. */
    private static List<String> rotated(List<String> models, int from) {
        int shift = from % models.size();
        List<String> rotated = new ArrayList<>(models.subList(shift, models.size()));
        rotated.addAll(models.subList(0, shift));
        return rotated;
    }

    private static void awaitReady(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) {
                return;
            }
        }
        throw new IOException("simulator process " + process.pid() + " exited before it was ready");
    }
}
