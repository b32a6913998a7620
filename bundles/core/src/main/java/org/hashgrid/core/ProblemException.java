package org.hashgrid.core;

import java.util.List;
import java.util.Map;

/**
 * Thrown by services and resources to answer with a problem+json response. The message is
 * the problem's {@code detail} and is shown to the caller, so it must never carry secrets,
 * SQL or stack traces.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final String type;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, "about:blank", List.of(), Map.of());
    }

    public ProblemException(int status, String title, String detail, String type, List<FieldError> errors,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.type = type;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    /** 400 with per-field errors; {@code detail} summarises them. */
    public static ProblemException validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(400, "Validation failed", detail, "urn:hashgrid:problem:validation", errors,
                Map.of());
    }

    public static ProblemException invalidField(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    /** 404 for an unknown id, and for ids the caller may not see: existence is never leaked. */
    public static ProblemException notFound(String what, Object id) {
        String shown = String.valueOf(id);
        return new ProblemException(404, "Not Found",
                what + " " + (shown.length() > Texts.EXCERPT ? Texts.quote(shown) : shown) + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, "about:blank", List.of(),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, "Too Many Requests", detail, "about:blank", List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers such as {@code Retry-After} or {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }
}
