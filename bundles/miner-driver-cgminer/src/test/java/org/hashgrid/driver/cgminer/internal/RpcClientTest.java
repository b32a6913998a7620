package org.hashgrid.driver.cgminer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.junit.jupiter.api.Test;

class RpcClientTest {

    private static final byte[] SUMMARY =
            "{\"command\":\"summary\",\"parameter\":\"\"}".getBytes(StandardCharsets.UTF_8);

    /**
     * With every connection taken, the waiting request with the earliest deadline goes next, not
     * the one asked first: a read's later round trips, which keep its deadline, overtake the first
     * requests of reads begun after it.
     */
    @Test
    void aWaitingRequestWithAnEarlierDeadlineConnectsFirst() throws IOException {
        ExecutorService completions = Executors.newSingleThreadExecutor();
        try (MinerSimulator simulator = MinerSimulator.builder().miners(3).models(MinerModel.CGMINER_ASIC)
                .replyDelay(Duration.ofMillis(300)).start();
                RpcClient client = new RpcClient(new CgminerSettings(Duration.ofSeconds(3), Duration.ofSeconds(10),
                        1024 * 1024, 1), completions)) {
            long now = System.nanoTime();
            List<String> order = new ArrayList<>();
            CompletableFuture<?> busy = client.send(endpoint(simulator, 0), SUMMARY, now + TimeUnit.SECONDS.toNanos(5));
            CompletableFuture<?> later = client.send(endpoint(simulator, 1), SUMMARY,
                    now + TimeUnit.SECONDS.toNanos(20)).thenRun(() -> order.add("later deadline, asked first"));
            CompletableFuture<?> sooner = client.send(endpoint(simulator, 2), SUMMARY,
                    now + TimeUnit.SECONDS.toNanos(10)).thenRun(() -> order.add("earlier deadline, asked second"));
            CompletableFuture.allOf(busy, later, sooner).join();
            assertEquals(List.of("earlier deadline, asked second", "later deadline, asked first"), order);
        } finally {
            completions.shutdown();
        }
    }

    private static MinerEndpoint endpoint(MinerSimulator simulator, int index) {
        var address = simulator.miner(index).address();
        return new MinerEndpoint(address.getHostString(), address.getPort());
    }
}
