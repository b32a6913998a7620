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

import org.hashgrid.api.Callers;
import org.hashgrid.api.MergePatch;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.Roles;
import org.hashgrid.identity.Account;
import org.hashgrid.identity.internal.AccessGrant;
import org.hashgrid.identity.internal.CreatedAccount;
import org.hashgrid.identity.internal.NewAccount;
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
    public Page<Account> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("role") String role, @QueryParam("status") String status) {
        return users.list(PageRequest.of(limit, cursor), role, status);
    }

    @POST
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Create a user; without a password a one-time password is generated and returned once")
    public Response create(NewAccount user, @Context SecurityContext security) {
        CreatedAccount created = users.create(Callers.of(security), user);
        return Response.created(URI.create("users/" + created.user().id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("One user: admins see anyone, others only themselves")
    public Account get(@PathParam("id") String id, @Context SecurityContext security) {
        return users.get(Callers.of(security), id);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("Change a user (merge patch): yourself only your name; admins also email, role and status")
    public Account update(@PathParam("id") String id, MergePatch patch, @Context SecurityContext security) {
        return users.update(Callers.of(security), id, patch);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Delete a user: status DELETED, history kept, tokens revoked")
    public void delete(@PathParam("id") String id, @Context SecurityContext security) {
        users.delete(Callers.of(security), id);
    }

    @POST
    @Path("{id}/reset-password")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Issue a one-time password, returned once, that must be changed at the next login")
    public CreatedAccount resetPassword(@PathParam("id") String id, @Context SecurityContext security) {
        return users.resetPassword(Callers.of(security), id);
    }

    @GET
    @Path("{id}/access")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("Access windows of a user (admins, or the user)")
    public List<AccessGrant> access(@PathParam("id") String id, @Context SecurityContext security) {
        return users.access(Callers.of(security), id);
    }

    @POST
    @Path("{id}/access")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Grant an access window; outside every window the user cannot log in and tokens stop working")
    public Response grant(@PathParam("id") String id, AccessInput input, @Context SecurityContext security) {
        AccessGrant granted = users.grantAccess(Callers.of(security), id, input.accessStartDate(),
                input.accessEndDate());
        return Response.status(201).entity(granted).build();
    }
}
