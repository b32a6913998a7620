package org.hashgrid.api;

import javax.ws.rs.core.SecurityContext;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;

/** The bridge from a JAX-RS request to the {@link Caller} that services take. */
public final class Callers {
    private Callers() {
    }

    /**
     * The caller of the current request, as the authentication filter put it into the
     * {@link SecurityContext}; 401 when the request is anonymous.
     */
    public static Caller of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw ProblemException.unauthorized("Authentication required");
    }
}
