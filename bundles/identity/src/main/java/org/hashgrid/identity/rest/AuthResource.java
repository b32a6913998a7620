package org.hashgrid.identity.rest;

import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.api.Callers;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Caller;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Roles;
import org.hashgrid.identity.Account;
import org.hashgrid.identity.internal.LoginService;
import org.hashgrid.identity.internal.OneTimePasswordAllowed;
import org.hashgrid.identity.internal.OwnerBootstrap;
import org.hashgrid.identity.internal.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/auth}: login, logout, who am I, password change, first-owner setup. */
@Component(service = AuthResource.class)
@SecuredResource
@JaxrsName("hashgrid.auth")
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Doc("Authentication")
public class AuthResource {
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final LoginService logins;
    private final UserService users;
    private final OwnerBootstrap bootstrap;

    @Context
    HttpServletRequest servletRequest;

    @Activate
    public AuthResource(@Reference LoginService logins, @Reference UserService users,
            @Reference OwnerBootstrap bootstrap) {
        this.logins = logins;
        this.users = users;
        this.bootstrap = bootstrap;
    }

    @POST
    @Path("login")
    @PermitAll
    @Doc("Exchange e-mail and password for a bearer token; 429 with Retry-After after repeated failures")
    public SessionDto login(Credentials credentials, @HeaderParam(FORWARDED_FOR) String forwardedFor) {
        String client = logins.clientAddress(servletRequest == null ? null : servletRequest.getRemoteAddr(),
                forwardedFor);
        LoginService.Session session = logins.login(credentials.email(), credentials.password(), client);
        return new SessionDto(session.token(), "Bearer", session.expiresAt(), session.passwordChangeRequired());
    }

    @POST
    @Path("logout")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @OneTimePasswordAllowed
    @Doc("End this session: the token stops working at once")
    public void logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        logins.logout(authorization.strip().split("\\s+", 2)[1]);
    }

    @GET
    @Path("me")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @OneTimePasswordAllowed
    @Doc("The calling user")
    public Account me(@Context SecurityContext security) {
        Caller caller = Callers.of(security);
        return users.get(caller, caller.userId());
    }

    @POST
    @Path("password")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @OneTimePasswordAllowed
    @Doc("Change your password; the current one is required. Every other session and API token of the "
            + "account ends; this session stays")
    public void changePassword(PasswordChange change, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context SecurityContext security) {
        users.changePassword(Callers.of(security), change.currentPassword(), change.newPassword(),
                authorization.strip().split("\\s+", 2)[1]);
    }

    @POST
    @Path("setup")
    @PermitAll
    @Doc("Create the first owner with the setup secret from the log; only while the platform has no user")
    public Response setup(OwnerSetup setup) {
        Account owner = bootstrap.setUp(setup.setupSecret(), setup.email(), setup.name(), setup.password());
        return Response.status(201).entity(owner).build();
    }
}
