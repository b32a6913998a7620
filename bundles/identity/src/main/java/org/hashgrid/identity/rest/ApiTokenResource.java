package org.hashgrid.identity.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.api.Callers;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Roles;
import org.hashgrid.identity.internal.ApiToken;
import org.hashgrid.identity.internal.IssuedApiToken;
import org.hashgrid.identity.internal.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/api-tokens}: the caller's personal API tokens for scripts. */
@Component(service = ApiTokenResource.class)
@SecuredResource
@JaxrsName("hashgrid.api-tokens")
@Path("/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Doc("Personal API tokens")
public class ApiTokenResource {
    private final UserService users;

    @Activate
    public ApiTokenResource(@Reference UserService users) {
        this.users = users;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("Your API tokens, without their secrets")
    public List<ApiToken> list(@Context SecurityContext security) {
        return users.apiTokens(Callers.of(security));
    }

    @POST
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("Create a named token; its secret is in this answer only")
    public Response create(NewApiToken input, @Context SecurityContext security) {
        IssuedApiToken created = users.createApiToken(Callers.of(security), input.name(), input.expiresAt());
        return Response.status(201).entity(created).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("Revoke one of your tokens; it stops working at once")
    public void revoke(@PathParam("id") long id, @Context SecurityContext security) {
        users.revokeApiToken(Callers.of(security), id);
    }
}
