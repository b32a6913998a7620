package org.hashgrid.identity.internal;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;

import javax.annotation.Priority;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.api.RestApi;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every request of the Hashgrid application from its bearer token and enforces
 * the access rule declared on the resource method: {@code @PermitAll} is public, otherwise the
 * caller must be authenticated and hold one of the {@code @RolesAllowed} roles. A method that
 * declares neither is closed to everybody (deny by default). Resources registered with
 * {@link SecuredResource} require this extension, so they are withdrawn, not opened, while it
 * is away.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(SecuredResource.AUTHENTICATION_EXTENSION)
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);
    private final TokenService tokens;

    @Context
    ResourceInfo resource;

    @Activate
    public AuthenticationFilter(@Reference TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || type == null) {
            return; // nothing matched: the runtime answers 404/405 itself
        }
        if (isPublic(type, method)) {
            try {
                String token = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
                if (token != null) {
                    authenticated(request, tokens.authenticate(token));
                }
            } catch (ProblemException ignored) {
                // public endpoints answer anonymous callers too, whatever Authorization a proxy adds
            }
            return;
        }
        String token = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw ProblemException.unauthorized("Authentication required: send Authorization: Bearer <token>");
        }
        Caller caller = tokens.authenticate(token);
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : type.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            LOG.warn("{}.{} declares no access rule; refused", type.getSimpleName(), method.getName());
            throw ProblemException.forbidden("This operation is not open to anybody");
        }
        if (!Arrays.asList(roles.value()).contains(caller.role())) {
            throw ProblemException.forbidden("Your role (" + caller.role() + ") may not do this");
        }
        if (caller.passwordChangeRequired() && !method.isAnnotationPresent(OneTimePasswordAllowed.class)) {
            throw ProblemException.forbidden("Change your one-time password first (POST /api/v1/auth/password)");
        }
        authenticated(request, caller);
    }

    static boolean isPublic(Class<?> type, Method method) {
        return method.isAnnotationPresent(PermitAll.class)
                || (type.isAnnotationPresent(PermitAll.class) && !method.isAnnotationPresent(RolesAllowed.class));
    }

    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
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
