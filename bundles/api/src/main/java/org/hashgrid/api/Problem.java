package org.hashgrid.api;

import java.util.List;

import org.hashgrid.core.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every Hashgrid error response.
 *
 * @param type          URI reference naming the problem type ({@code about:blank} for plain HTTP statuses)
 * @param title         short summary of the problem type
 * @param status        HTTP status code
 * @param detail        explanation specific to this occurrence, safe to show to the caller
 * @param instance      the request path
 * @param correlationId id that also appears in the server log (server errors only)
 * @param errors        per-field validation errors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        String correlationId, List<FieldError> errors) {
}
