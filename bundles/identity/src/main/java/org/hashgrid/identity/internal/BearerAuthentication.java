package org.hashgrid.identity.internal;

import java.security.Principal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.api.RestApi;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Establishes who is calling before the runtime matches the request to a resource, so that
 * everything the runtime may answer on its own (405, 406, 415) already knows whether the caller
 * is signed in: authentication comes first. A valid bearer token becomes the request's
 * {@link SecurityContext}; a refused one is kept on the request for {@link AuthenticationFilter},
 * which decides per operation whether it matters (public operations ignore it).
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(BearerAuthentication.NAME)
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter {
    static final String NAME = "hashgrid.bearer-authentication";
    /** Request property holding the {@link ProblemException} a presented token was refused with. */
    static final String REFUSAL = "org.hashgrid.identity.authentication.refusal";

    private final TokenService tokens;

    @Activate
    public BearerAuthentication(@Reference TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        try {
            authenticated(request, tokens.authenticate(bearer(header)));
        } catch (ProblemException refused) {
            request.setProperty(REFUSAL, refused);
        }
    }

    /** The caller this filter established, or null for an anonymous or refused request. */
    static Caller callerOf(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        return security != null && security.getUserPrincipal() instanceof Caller caller ? caller : null;
    }

    private static String bearer(String header) {
        String[] parts = header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw ProblemException.unauthorized("Only Bearer authorization is accepted");
        }
        return parts[1];
    }

    private static void authenticated(ContainerRequestContext request, Caller caller) {
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.role().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
