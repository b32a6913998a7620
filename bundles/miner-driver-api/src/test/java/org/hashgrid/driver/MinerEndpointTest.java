package org.hashgrid.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MinerEndpointTest {

    @Test
    void printsHostAndPort() {
        assertEquals("10.0.3.17:4028", new MinerEndpoint("10.0.3.17", 4028).toString());
        assertEquals("miner-17.site-a:4028", new MinerEndpoint("miner-17.site-a", 4028).toString());
    }

    @Test
    void acceptsIpv6WithOrWithoutBrackets() {
        MinerEndpoint endpoint = new MinerEndpoint("[fd00::17]", 4028);
        assertEquals("fd00::17", endpoint.host());
        assertEquals("[fd00::17]:4028", endpoint.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "10.0.0.1 ", "a/b", "host\n", "[]" })
    void rejectsWhatIsNoHost(String host) {
        assertThrows(IllegalArgumentException.class, () -> new MinerEndpoint(host, 4028));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 65536 })
    void rejectsPortsOutOfRange(int port) {
        assertThrows(IllegalArgumentException.class, () -> new MinerEndpoint("127.0.0.1", port));
    }
}
