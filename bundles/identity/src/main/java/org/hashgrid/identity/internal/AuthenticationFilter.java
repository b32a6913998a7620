package org.hashgrid.identity.internal;

import java.io.IOException;
import java.lang.reflect.Method;
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

import org.hashgrid.api.RestApi;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the access rule declared on the resource method, for the caller
 * {@link BearerAuthentication} established before matching: {@code @PermitAll} is public,
 * otherwise the caller must be authenticated and hold one of the {@code @RolesAllowed} roles. A
 * method that declares neither is closed to everybody (deny by default). Resources registered
 * with {@link SecuredResource} require this extension, so they are withdrawn, not opened, while
 * it is away — and this filter is away whenever {@link BearerAuthentication} is (say, while
 * the persistence unit restarts), so no request meets the rules without its caller.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(SecuredResource.AUTHENTICATION_EXTENSION)
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
@JaxrsExtensionSelect("(" + JaxrsWhiteboardConstants.JAX_RS_NAME + "=" + BearerAuthentication.NAME + ")")
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    @Context
    ResourceInfo resource;

    /**
     * The token filter, held so that DS removes this filter before it (never a moment with the
     * rules but without the caller), and asked directly when the runtime did not run it.
     */
    @Reference(target = "(" + JaxrsWhiteboardConstants.JAX_RS_NAME + "=" + BearerAuthentication.NAME + ")")
    ContainerRequestFilter bearer;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || type == null || isPublic(type, method)) {
            return; // nothing matched (the runtime answers itself), or public: any caller, even a refused token
        }
        if (BearerAuthentication.callerOf(request) == null && request.getProperty(BearerAuthentication.REFUSAL) == null
                && request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            bearer.filter(request); // an application rebuilt without the pre-matching filter, for a moment
        }
        if (request.getProperty(BearerAuthentication.REFUSAL) instanceof ProblemException refused) {
            throw refused;
        }
        Caller caller = BearerAuthentication.callerOf(request);
        if (caller == null) {
            throw ProblemException.unauthorized("Authentication required: send Authorization: Bearer <token>");
        }
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
    }

    static boolean isPublic(Class<?> type, Method method) {
        return method.isAnnotationPresent(PermitAll.class)
                || (type.isAnnotationPresent(PermitAll.class) && !method.isAnnotationPresent(RolesAllowed.class));
    }
}
