package org.hashgrid.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;

import javax.ws.rs.core.Response;

import org.hashgrid.api.JsonMapping;
import org.hashgrid.api.Problem;
import org.hashgrid.core.ProblemException;
import org.junit.jupiter.api.Test;

/** The exception to problem+json translation, without a container. */
class ProblemResponsesTest {

    @Test
    void serverFaultsShowOnlyACorrelationId() throws Exception {
        Response response = ProblemResponses.toResponse(
                new IllegalStateException("select secret from vault failed at line 3"), "/api/v1/x");
        Problem problem = (Problem) response.getEntity();
        assertEquals(500, response.getStatus());
        assertNotNull(problem.correlationId());
        String json = JsonMapping.newMapper().writeValueAsString(problem);
        assertFalse(json.contains("select") || json.contains("IllegalState") || json.contains("vault"), json);
    }

    @Test
    void problemsFoundAnywhereInTheCauseChainWin() {
        Response response = ProblemResponses.toResponse(new RuntimeException("wrapped",
                ProblemException.conflict("taken")), "/p");
        assertEquals(409, response.getStatus());
        assertEquals("taken", ((Problem) response.getEntity()).detail());
    }

    @Test
    void constraintRacesBecomeClientErrorsWithoutSql() {
        assertEquals(409, status(new SQLException("duplicate key value violates unique constraint", "23505")));
        assertEquals(409, status(new SQLException("violates foreign key constraint", "23503")));
        assertEquals(400, status(new SQLException("violates check constraint", "23514")));
        assertEquals(400, status(new SQLException("numeric field overflow", "22003")));
        Response down = ProblemResponses.toResponse(new RuntimeException(new SQLException("refused", "08001")), "/p");
        assertEquals(503, down.getStatus());
        assertEquals("5", down.getHeaderString("Retry-After"));
        Problem problem = (Problem) ProblemResponses.toResponse(
                new SQLException("duplicate key value (email)=(a@b.c)", "23505"), "/p").getEntity();
        assertFalse(problem.detail().contains("a@b.c"));
        assertNull(problem.correlationId());
    }

    @Test
    void retryAfterAndAuthenticateHeadersPassThrough() {
        Response throttled = ProblemResponses.toResponse(ProblemException.tooManyRequests("slow down", 42), "/p");
        assertEquals(429, throttled.getStatus());
        assertEquals("42", throttled.getHeaderString("Retry-After"));
        Response unauthorized = ProblemResponses.toResponse(ProblemException.unauthorized("who?"), "/p");
        assertEquals("Bearer", unauthorized.getHeaderString("WWW-Authenticate"));
    }

    private static int status(SQLException e) {
        return ProblemResponses.toResponse(new RuntimeException(e), "/p").getStatus();
    }
}
