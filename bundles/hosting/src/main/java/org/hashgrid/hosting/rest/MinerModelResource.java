package org.hashgrid.hosting.rest;

import java.net.URI;

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
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.hashgrid.api.MergePatch;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.Roles;
import org.hashgrid.hosting.MinerModelSpec;
import org.hashgrid.hosting.NewMinerModel;
import org.hashgrid.hosting.internal.MinerModelService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/miner-models}. */
@Component(service = MinerModelResource.class)
@SecuredResource
@JaxrsName("hashgrid.miner-models")
@Path("/miner-models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
@Doc("Miner models: nominal hashrate, power and efficiency")
public class MinerModelResource {
    private final MinerModelService models;

    @Activate
    public MinerModelResource(@Reference MinerModelService models) {
        this.models = models;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Doc("Miner models, ordered by id, cursor-paginated")
    public Page<MinerModelSpec> list(@QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor) {
        return models.list(PageRequest.of(limit, cursor));
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT, Roles.GUEST })
    @Path("{id}")
    @Doc("One miner model")
    public MinerModelSpec get(@PathParam("id") long id) {
        return models.get(id);
    }

    @POST
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Create a miner model; 409 when the name is taken; answers 201 with its Location")
    public Response create(NewMinerModel input) {
        MinerModelSpec created = models.create(input);
        return Response.created(URI.create("miner-models/" + created.id())).entity(created).build();
    }

    @PATCH
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Path("{id}")
    @Doc("Change fields of a miner model (JSON merge patch)")
    public MinerModelSpec update(@PathParam("id") long id, MergePatch patch) {
        return models.update(id, patch);
    }

    @DELETE
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Path("{id}")
    @Doc("Delete a miner model; 409 while miners use it")
    public void delete(@PathParam("id") long id) {
        models.delete(id);
    }
}
