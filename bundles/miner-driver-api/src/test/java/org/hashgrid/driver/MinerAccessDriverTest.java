package org.hashgrid.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

class MinerAccessDriverTest {

    private static final MinerEndpoint ENDPOINT = new MinerEndpoint("10.0.0.7", 4028);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** Records the access of each call; the endpoint variants are the interface's. */
    private static final class Recording implements MinerAccessDriver {
        final List<MinerAccess> calls = new ArrayList<>();

        @Override
        public String id() {
            return "recording";
        }

        @Override
        public Set<DriverCapability> capabilities() {
            return Set.of(DriverCapability.READ);
        }

        @Override
        public CompletionStage<MinerReading> read(MinerAccess access, Duration timeout) {
            calls.add(access);
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<CommandResult> execute(MinerAccess access, MinerCommand command, Duration timeout) {
            calls.add(access);
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<ProbeResult> probe(MinerAccess access, Duration timeout) {
            calls.add(access);
            return new CompletableFuture<>();
        }
    }

    @Test
    void endpointCallsUseTheEndpointWithDefaultPortsAndNoCredentials() {
        Recording driver = new Recording();
        MinerDriver asSeenByThePlatform = driver;
        asSeenByThePlatform.read(ENDPOINT, TIMEOUT);
        asSeenByThePlatform.execute(ENDPOINT, MinerCommand.stop(), TIMEOUT);
        asSeenByThePlatform.probe(ENDPOINT, TIMEOUT);
        assertEquals(List.of(MinerAccess.of(ENDPOINT), MinerAccess.of(ENDPOINT), MinerAccess.of(ENDPOINT)),
                driver.calls);
    }

    @Test
    void aNullEndpointIsAProgrammingError() {
        Recording driver = new Recording();
        assertThrows(NullPointerException.class, () -> driver.read((MinerEndpoint) null, TIMEOUT));
        assertThrows(NullPointerException.class,
                () -> driver.execute((MinerEndpoint) null, MinerCommand.stop(), TIMEOUT));
        assertThrows(NullPointerException.class, () -> driver.probe((MinerEndpoint) null, TIMEOUT));
        assertEquals(List.of(), driver.calls);
    }
}
