package org.hashgrid.analytics.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.hashgrid.core.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarketJsonTest {

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "null", " null " })
    void noBodyIsAnsweredAsEveryEndpointAnswersIt(String body) {
        ProblemException problem = assertThrows(ProblemException.class, () -> read(body));
        assertEquals(400, problem.status());
        assertEquals("A JSON request body is required", problem.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "42", "\"text\"" })
    void aBodyThatIsNoArrayIsNamed(String body) {
        ProblemException problem = assertThrows(ProblemException.class, () -> read(body));
        assertEquals(400, problem.status());
        assertEquals("The body must be a JSON array of market snapshots", problem.getMessage());
    }

    private static void read(String body) {
        MarketJson.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
