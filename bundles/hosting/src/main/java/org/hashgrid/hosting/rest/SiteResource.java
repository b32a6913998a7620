package org.hashgrid.hosting.rest;

import java.net.URI;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.hashgrid.hosting.CredentialsInfo;
import org.hashgrid.hosting.NewCredentials;
import org.hashgrid.hosting.NewSite;
import org.hashgrid.hosting.Site;
import org.hashgrid.hosting.internal.CredentialService;
import org.hashgrid.hosting.internal.SiteService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/sites}. */
@Component(service = SiteResource.class)
@SecuredResource
@JaxrsName("hashgrid.sites")
@Path("/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
@Doc("Hosting sites")
public class SiteResource {
    private final SiteService sites;
    private final CredentialService credentials;

    @Activate
    public SiteResource(@Reference SiteService sites, @Reference CredentialService credentials) {
        this.sites = sites;
        this.credentials = credentials;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("Sites, ordered by id, cursor-paginated")
    public Page<Site> list(@QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor) {
        return sites.list(PageRequest.of(limit, cursor));
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Path("{id}")
    @Doc("One site")
    public Site get(@PathParam("id") long id) {
        return sites.get(id);
    }

    @POST
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Create a site; answers 201 with its Location")
    public Response create(NewSite input) {
        Site created = sites.create(input);
        return Response.created(URI.create("sites/" + created.id())).entity(created).build();
    }

    @PATCH
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Path("{id}")
    @Doc("Change fields of a site (JSON merge patch)")
    public Site update(@PathParam("id") long id, MergePatch patch) {
        return sites.update(id, patch);
    }

    @PUT
    @Path("{id}/credentials/{driver}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Set the credentials of the firmware's control API for the site's miners of an installed driver (a "
            + "miner's own win); 204. The password is stored encrypted and never returned; an unknown driver is 404")
    public void setCredentials(@PathParam("id") long id,
            @PathParam("driver") @Doc("A driver id, e.g. antminer") String driver, NewCredentials input,
            @Context SecurityContext security) {
        credentials.setForSite(Callers.of(security), id, driver, input);
    }

    @DELETE
    @Path("{id}/credentials/{driver}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Remove the site's credentials for a driver; 204, also when it had none")
    public void removeCredentials(@PathParam("id") long id, @PathParam("driver") String driver,
            @Context SecurityContext security) {
        credentials.removeForSite(Callers.of(security), id, driver);
    }

    @GET
    @Path("{id}/credentials/{driver}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("The site's credentials for a driver (scope site, or none), with the user name and who set them when; "
            + "never the password")
    public CredentialsInfo credentials(@PathParam("id") long id, @PathParam("driver") String driver,
            @Context SecurityContext security) {
        return credentials.ofSite(Callers.of(security), id, driver);
    }

    @DELETE
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Path("{id}")
    @Doc("Delete a site without miners; 409 while miners or plans refer to it")
    public void delete(@PathParam("id") long id) {
        sites.delete(id);
    }
}
