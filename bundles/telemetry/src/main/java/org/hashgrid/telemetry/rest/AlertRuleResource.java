package org.hashgrid.telemetry.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.hashgrid.api.MergePatch;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Roles;
import org.hashgrid.telemetry.internal.AlertRule;
import org.hashgrid.telemetry.internal.AlertService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/alert-rules/{id}}: one alert rule. */
@Component(service = AlertRuleResource.class)
@SecuredResource
@JaxrsName("hashgrid.alert-rules")
@Path("/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
@Doc("Alert rules")
public class AlertRuleResource {
    private final AlertService alerts;

    @Activate
    public AlertRuleResource(@Reference AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("One rule")
    public AlertRule get(@PathParam("id") long id) {
        return alerts.rule(id);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Change threshold, for_minutes or enabled (JSON merge patch); disabling closes the rule's open alerts "
            + "(alert.cleared, reason rule disabled)")
    public AlertRule update(@PathParam("id") long id, MergePatch patch) {
        return alerts.update(id, patch);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Delete a rule; its open alerts are closed first (alert.cleared, reason rule deleted) and its alerts stay "
            + "in the history without a rule; answers 204")
    public Response delete(@PathParam("id") long id) {
        alerts.delete(id);
        return Response.noContent().build();
    }
}
