package org.hashgrid.telemetry.rest;

import java.net.URI;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.Roles;
import org.hashgrid.telemetry.internal.AlertRule;
import org.hashgrid.telemetry.internal.AlertService;
import org.hashgrid.telemetry.internal.NewAlertRule;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/sites/{id}/alert-rules}: a site's alert rules. */
@Component(service = SiteAlertRuleResource.class)
@SecuredResource
@JaxrsName("hashgrid.site-alert-rules")
@Path("/sites/{id}/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Doc("Alert rules of a site")
public class SiteAlertRuleResource {
    private final AlertService alerts;

    @Activate
    public SiteAlertRuleResource(@Reference AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("The site's rules by id, cursor-paginated; unknown site: 404")
    public Page<AlertRule> list(@PathParam("id") long siteId,
            @QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor) {
        return alerts.rules(siteId, PageRequest.of(limit, cursor));
    }

    @POST
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Create a rule: temperature_above (threshold °C, 0-150), hashrate_below (threshold % of the model's nominal "
            + "hashrate, 1-100), offline or fan_failure (no threshold); raised once the condition held for_minutes; "
            + "answers 201 with its Location")
    public Response create(@PathParam("id") long siteId, NewAlertRule input, @Context SecurityContext security) {
        AlertRule created = alerts.create(Callers.of(security), siteId, input);
        return Response.created(URI.create("alert-rules/" + created.id())).entity(created).build();
    }
}
