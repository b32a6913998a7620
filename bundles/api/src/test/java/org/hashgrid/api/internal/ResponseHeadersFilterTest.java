package org.hashgrid.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ResponseHeadersFilterTest {

    @Test
    void locationsKeepTheirPathAndTakeTheConfiguredBaseNeverTheRequestHost() {
        URI fromHostHeader = URI.create("http://attacker.example:8181/api/v1/sites/7");
        assertEquals("/api/v1/sites/7", ResponseHeadersFilter.located("", fromHostHeader));
        assertEquals("https://ops.example.com/api/v1/sites/7",
                ResponseHeadersFilter.located("https://ops.example.com", fromHostHeader));
        assertEquals("https://ops.example.com:8443/api/v1/miners?after=x%20y",
                ResponseHeadersFilter.located("https://ops.example.com:8443",
                        URI.create("http://h/api/v1/miners?after=x%20y")));
    }
}
