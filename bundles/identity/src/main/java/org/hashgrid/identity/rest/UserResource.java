package org.hashgrid.identity.rest;

import java.net.URI;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.api.Caller;
import org.hashgrid.api.Doc;
import org.hashgrid.api.MergePatch;
import org.hashgrid.api.Page;
import org.hashgrid.api.PageRequest;
import org.hashgrid.api.ProblemException;
import org.hashgrid.api.Roles;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.identity.internal.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/users}: accounts and their access windows. */
@Component(service = UserResource.class)
@SecuredResource
@JaxrsName("hashgrid.users")
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
@Doc("User accounts")
public class UserResource {
    private final UserService users;

    @Activate
    public UserResource(@Reference UserService users) {
        this.users = users;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Users, cursor-paginated, optionally filtered by role and status")
    public Page<UserDto> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("role") String role, @QueryParam("status") String status) {
        return users.list(PageRequest.keyed(limit, cursor), role, status);
    }

    @POST
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Create a user; without a password a one-time password is generated and returned once")
    public Response create(NewUser user, @Context SecurityContext security) {
        CreatedUser created = users.create(Caller.of(security), user);
        return Response.created(URI.create("users/" + created.user().id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("One user: admins see anyone, others only themselves")
    public UserDto get(@PathParam("id") String id, @Context SecurityContext security) {
        return users.get(Caller.of(security), id);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("Change a user (merge patch): yourself only your name; admins also email, role and status")
    public UserDto update(@PathParam("id") String id, MergePatch patch, @Context SecurityContext security) {
        if (patch == null) {
            throw ProblemException.badRequest("A JSON request body is required");
        }
        return users.update(Caller.of(security), id, patch);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Delete a user: status DELETED, history kept, tokens revoked")
    public void delete(@PathParam("id") String id, @Context SecurityContext security) {
        users.delete(Caller.of(security), id);
    }

    @POST
    @Path("{id}/reset-password")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Issue a one-time password, returned once, that must be changed at the next login")
    public CreatedUser resetPassword(@PathParam("id") String id, @Context SecurityContext security) {
        return users.resetPassword(Caller.of(security), id);
    }

    @GET
    @Path("{id}/access")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("Access windows of a user (admins, or the user)")
    public List<AccessDto> access(@PathParam("id") String id, @Context SecurityContext security) {
        return users.access(Caller.of(security), id);
    }

    @POST
    @Path("{id}/access")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Grant an access window; outside every window the user cannot log in and tokens stop working")
    public Response grant(@PathParam("id") String id, AccessInput input, @Context SecurityContext security) {
        if (input == null) {
            throw ProblemException.badRequest("A JSON request body is required");
        }
        AccessDto granted = users.grantAccess(Caller.of(security), id, input.accessStartDate(),
                input.accessEndDate());
        return Response.status(201).entity(granted).build();
    }
}
