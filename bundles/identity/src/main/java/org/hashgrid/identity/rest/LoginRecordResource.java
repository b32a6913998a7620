package org.hashgrid.identity.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.Roles;
import org.hashgrid.identity.internal.LoginAttempt;
import org.hashgrid.identity.internal.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/login-records}: the audit of login attempts. */
@Component(service = LoginRecordResource.class)
@SecuredResource
@JaxrsName("hashgrid.login-records")
@Path("/login-records")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Login attempts")
public class LoginRecordResource {
    private final UserService users;

    @Activate
    public LoginRecordResource(@Reference UserService users) {
        this.users = users;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Login attempts, newest first, optionally for one e-mail")
    public Page<LoginAttempt> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("email") String email) {
        return users.loginRecords(PageRequest.of(limit, cursor), email);
    }
}
