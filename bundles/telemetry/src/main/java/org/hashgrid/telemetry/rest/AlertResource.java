package org.hashgrid.telemetry.rest;

import javax.annotation.security.RolesAllowed;
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
import org.hashgrid.core.Roles;
import org.hashgrid.telemetry.internal.Alert;
import org.hashgrid.telemetry.internal.AlertService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/alerts}: alerts raised by the sites' rules. */
@Component(service = AlertResource.class)
@SecuredResource
@JaxrsName("hashgrid.alerts")
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Alerts")
public class AlertResource {
    private final AlertService alerts;

    @Activate
    public AlertResource(@Reference AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Alerts, newest first, cursor-paginated; clients see the alerts of their own miners")
    public Page<Alert> list(@QueryParam("status") @Doc("open or closed (default: both)") String status,
            @QueryParam("site_id") @Doc("only alerts of this site") Long siteId,
            @QueryParam("miner_id") @Doc("only alerts of this miner") Long minerId,
            @QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor,
            @Context SecurityContext security) {
        return alerts.alerts(Callers.of(security), status, siteId, minerId, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("One alert; another client's is a 404")
    public Alert get(@PathParam("id") long id, @Context SecurityContext security) {
        return alerts.alert(Callers.of(security), id);
    }
}
