package org.hashgrid.benchmarks.driverpoll;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;

/**
 * One timed pass: every call started at once, timed from the first call to the last completion,
 * with the CPU time of this JVM and of the simulators, GC time and threads started meanwhile.
 */
final class Pass {

    /** What a pass measured. */
    record Result(String label, int calls, int ok, Map<FailureKind, Integer> failures, long wallMs, long cpuMs,
            long simulatorCpuMs, long gcMs, long threadsStarted) {

        double cpuPerCallMs() {
            return (double) cpuMs / calls;
        }

        /** @return a Markdown table row: label, wall, JVM CPU, CPU per call, simulator CPU, outcome */
        String row() {
            return String.format("| %s | %,d ms | %,d ms | %.3f ms | %,d ms | %s |", label, wallMs, cpuMs,
                    cpuPerCallMs(), simulatorCpuMs, outcome());
        }

        String outcome() {
            return failures.isEmpty() ? ok + " ok" : ok + " ok, failed " + failures;
        }
    }

    private static final List<Result> RESULTS = new ArrayList<>();

    private Pass() {
    }

    /** @return every result so far, in order */
    static List<Result> results() {
        return RESULTS;
    }

    /**
     * Calls {@code call} on every target at once and waits for all.
     *
     * @param onSuccess given each successful value, possibly on a driver thread and concurrently
     */
    static <A, T> Result run(String label, Simulators simulators, List<A> targets,
            Function<A, CompletionStage<T>> call, Consumer<T> onSuccess) {
        return run(label, simulators, targets, call, onSuccess, target -> "");
    }

    /**
     * As {@link #run(String, Simulators, List, Function, Consumer)}, and prints the failures by
     * {@code group} (e.g. the model) and kind when there are any.
     */
    static <A, T> Result run(String label, Simulators simulators, List<A> targets,
            Function<A, CompletionStage<T>> call, Consumer<T> onSuccess, Function<A, String> group) {
        Map<String, AtomicInteger> byGroup = new ConcurrentSkipListMap<>();
        Map<FailureKind, AtomicInteger> failures = new EnumMap<>(FailureKind.class);
        for (FailureKind kind : FailureKind.values()) {
            failures.put(kind, new AtomicInteger());
        }
        AtomicInteger ok = new AtomicInteger();
        long threads = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        long gc = gcMillis();
        long cpu = cpuMillis();
        long simulatorCpu = simulators.cpuMillis();
        long start = System.nanoTime();
        List<CompletableFuture<?>> calls = new ArrayList<>(targets.size());
        for (A target : targets) {
            calls.add(call.apply(target).toCompletableFuture().handle((value, failure) -> {
                if (failure == null) {
                    ok.incrementAndGet();
                    onSuccess.accept(value);
                } else {
                    FailureKind kind = DriverException.unwrap(failure).kind();
                    failures.get(kind).incrementAndGet();
                    byGroup.computeIfAbsent(group.apply(target) + " " + kind, k -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Map<FailureKind, Integer> failed = new EnumMap<>(FailureKind.class);
        failures.forEach((kind, count) -> {
            if (count.get() > 0) {
                failed.put(kind, count.get());
            }
        });
        if (!byGroup.isEmpty()) {
            System.out.println("    failures by group and kind: " + byGroup);
        }
        return record(new Result(label, targets.size(), ok.get(), failed, wall, cpuMillis() - cpu,
                simulators.cpuMillis() - simulatorCpu, gcMillis() - gc,
                ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threads));
    }

    /** Prints and keeps a result. */
    static Result record(Result result) {
        System.out.printf("  %-72s %6d ms  %s; CPU: JVM %d ms (%.3f ms/call), simulator %d ms; GC %d ms; "
                + "threads started %d%n", result.label(), result.wallMs(), result.outcome(), result.cpuMs(),
                result.cpuPerCallMs(), result.simulatorCpuMs(), result.gcMs(), result.threadsStarted());
        RESULTS.add(result);
        return result;
    }

    /** @return CPU time used so far by this JVM, in ms */
    static long cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
