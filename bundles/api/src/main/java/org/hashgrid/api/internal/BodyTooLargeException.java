package org.hashgrid.api.internal;

import java.io.IOException;

import org.hashgrid.core.ProblemException;

/**
 * Raised by {@link BodySizeLimitFilter}'s stream when a body grows past the limit. An
 * {@link IOException} so that JSON parsers pass it through unwrapped.
 */
final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    BodyTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    ProblemException toProblem() {
        return new ProblemException(413, "Payload Too Large",
                "The request body is larger than the limit of " + limit + " bytes");
    }
}
