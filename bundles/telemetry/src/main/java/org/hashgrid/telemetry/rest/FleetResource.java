package org.hashgrid.telemetry.rest;

import javax.annotation.security.RolesAllowed;
import javax.sql.DataSource;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.api.Callers;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Roles;
import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.telemetry.internal.FleetQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/sites/{id}/fleet}: the latest state of a site's polled miners. */
@Component(service = FleetResource.class)
@SecuredResource
@JaxrsName("hashgrid.fleet")
@Path("/sites/{id}/fleet")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Fleet view")
public class FleetResource {
    private final MinerInventory inventory;
    private final FleetQuery fleet;

    @Activate
    public FleetResource(@Reference MinerInventory inventory,
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=*))") DataSource dataSource) {
        this.inventory = inventory;
        this.fleet = new FleetQuery(dataSource);
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Latest reading, status, model and efficiency (J/TH, measured power ÷ measured hashrate) of each polled "
            + "miner of the site; sort by miner (default), efficiency, temperature or hashrate, order asc (default) or "
            + "desc, miners without the measure last; clients see their own miners")
    public Page<FleetQuery.FleetMiner> fleet(@PathParam("id") long siteId, @QueryParam("sort") String sort,
            @QueryParam("order") String order, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context SecurityContext security) {
        var caller = Callers.of(security);
        PageRequest page = PageRequest.of(limit, cursor);
        if (inventory.site(siteId).isEmpty()) {
            throw ProblemException.notFound("Site", siteId);
        }
        return fleet.page(caller, siteId, sort, order, page);
    }
}
