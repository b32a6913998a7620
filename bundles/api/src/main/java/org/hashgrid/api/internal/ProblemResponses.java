package org.hashgrid.api.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.hashgrid.api.Problem;
import org.hashgrid.api.RestApi;
import org.hashgrid.core.FieldError;
import org.hashgrid.core.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one translation of exceptions into RFC 9457 responses. Callers see what they did wrong;
 * server faults show only a correlation id, which the log repeats with the full cause.
 */
final class ProblemResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    static final String AUTHENTICATION_REQUIRED = "Authentication required: send Authorization: Bearer <token>";
    /** A bundle restart takes about a second; updates a little more. */
    static final int RETRY_AFTER_SECONDS = 2;

    private ProblemResponses() {
    }

    static Response toResponse(Throwable thrown, String instance) {
        return toResponse(thrown, ProblemRequest.at(instance), null);
    }

    /**
     * Like {@link #toResponse(Throwable, String)}; {@code directory}, when present, turns the
     * runtime's 404 for a path of a module that is away into 503, its 405/406/415 to an anonymous
     * caller of a non-public path into 401 (authentication comes first), and names the methods a
     * 405's path serves.
     */
    static Response toResponse(Throwable thrown, ProblemRequest request, ResourceDirectory directory) {
        String instance = request.instance();
        ProblemException problem = find(thrown, ProblemException.class);
        if (problem != null) {
            return build(problem.status(), problem.title(), problem.getMessage(), problem.type(), instance, null,
                    problem.errors(), problem.headers());
        }
        BodyTooLargeException tooLarge = find(thrown, BodyTooLargeException.class);
        if (tooLarge != null) {
            return toResponse(tooLarge.toProblem(), request, directory);
        }
        if (thrown instanceof WebApplicationException wae) {
            if (wae.getResponse().getStatus() == 404 && wae.getCause() != null) {
                // JAX-RS answers 404 when a query or path parameter does not convert: a client mistake
                return build(400, "Bad Request", "A query or path parameter has the wrong type", "about:blank",
                        instance, null, List.of(), Map.of());
            }
            return fromHttpStatus(wae.getResponse(), request, directory);
        }
        SQLException sql = find(thrown, SQLException.class);
        if (sql != null && sql.getSQLState() != null) {
            Response mapped = fromSqlState(sql, instance);
            if (mapped != null) {
                return mapped;
            }
        }
        return serverError(thrown, instance);
    }

    /** Statuses raised by JAX-RS itself: unknown path, wrong method, media types. */
    private static Response fromHttpStatus(Response original, ProblemRequest request, ResourceDirectory directory) {
        int status = original.getStatus();
        String instance = request.instance();
        if (directory != null) {
            String module = status == 404 ? directory.moduleOf(request.path()) : null;
            if (module != null) {
                directory.reportAway(module);
                return unavailable(instance);
            }
            if ((status == 405 || status == 406 || status == 415) && request.anonymous()
                    && directory.requiresAuthentication(request.path(), request.method())) {
                return toResponse(ProblemException.unauthorized(AUTHENTICATION_REQUIRED), request, null);
            }
        }
        String documented = status == 405 && directory != null ? directory.allowedMethods(request.path()) : null;
        String allow = status != 405 ? null
                : documented != null ? documented : original.getHeaderString(HttpHeaders.ALLOW);
        if (status >= 500) {
            return serverError(new IllegalStateException("JAX-RS answered " + status), instance);
        }
        String detail = switch (status) {
            case 404 -> "No resource exists at this path";
            case 405 -> "This method is not allowed here; allowed: " + allow;
            case 406 -> "This resource answers application/json only";
            case 415 -> "This operation does not take a body of this Content-Type; its request body and media "
                    + "type are in /api/v1/openapi.json";
            default -> Response.Status.fromStatusCode(status) == null ? "Request refused"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
        return build(status, reason(status), detail, "about:blank", instance, null, List.of(),
                allow == null ? Map.of() : Map.of(HttpHeaders.ALLOW, allow));
    }

    /**
     * A path whose module is stopped, restarting or being updated: the caller retries (the log
     * names the module, once).
     */
    static Response unavailable(String instance) {
        return build(503, "Service Unavailable", "The module serving this path is not available right now (it is "
                + "stopping, starting or being updated); retry shortly", "about:blank", instance, null, List.of(),
                Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
    }

    /** The problem for a status the servlet container chose ({@code < 500}). */
    static Response forStatus(int status, String instance) {
        return fromHttpStatus(Response.status(status).build(), ProblemRequest.at(instance), null);
    }

    /** A constraint the service did not check first (a race, usually) still gets a clean answer. */
    private static Response fromSqlState(SQLException sql, String instance) {
        String state = sql.getSQLState();
        LOG.debug("Database refused a write (SQLState {}): {}", state, sql.getMessage());
        if ("23505".equals(state)) {
            return build(409, "Conflict", "A record with the same unique value already exists", "about:blank",
                    instance, null, List.of(), Map.of());
        }
        if ("23503".equals(state)) {
            return build(409, "Conflict", "The record refers to a record that does not exist, or is still in use",
                    "about:blank", instance, null, List.of(), Map.of());
        }
        if (state.startsWith("23") || state.startsWith("22")) {
            return build(400, "Bad Request", "A value is outside what the data model allows", "about:blank",
                    instance, null, List.of(), Map.of());
        }
        if (state.startsWith("08") || "57P01".equals(state) || "53300".equals(state)) {
            String id = UUID.randomUUID().toString();
            LOG.error("Database unavailable [correlation_id={}]", id, sql);
            return build(503, "Service Unavailable", "The database is unavailable; retry later", "about:blank",
                    instance, id, List.of(), Map.of("Retry-After", "5"));
        }
        return null;
    }

    private static Response serverError(Throwable thrown, String instance) {
        String id = UUID.randomUUID().toString();
        LOG.error("Unhandled error on {} [correlation_id={}]", instance, id, thrown);
        return build(500, "Internal Server Error", "The server failed; quote the correlation id when reporting it",
                "about:blank", instance, id, List.of(), Map.of());
    }

    private static Response build(int status, String title, String detail, String type, String instance,
            String correlationId, List<FieldError> errors, Map<String, String> headers) {
        Problem body = new Problem(type, title, status, detail, instance, correlationId,
                errors.isEmpty() ? null : errors);
        Response.ResponseBuilder response = Response.status(status).type(RestApi.PROBLEM_JSON).entity(body);
        headers.forEach(response::header);
        return response.build();
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
