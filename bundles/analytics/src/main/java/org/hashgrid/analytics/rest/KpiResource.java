package org.hashgrid.analytics.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.hashgrid.analytics.internal.KpiCache;
import org.hashgrid.analytics.internal.Kpis;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Roles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/analytics/kpis}. */
@Component(service = KpiResource.class)
@SecuredResource
@JaxrsName("hashgrid.analytics.kpis")
@Path("/analytics/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Fleet and per-site KPIs, pre-calculated")
public class KpiResource {
    private final KpiCache kpis;

    @Activate
    public KpiResource(@Reference KpiCache kpis) {
        this.kpis = kpis;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("Hashrate, online ratio, uptime, energy, efficiency, revenue and curtailed energy of the fleet and each "
            + "site, from the cache (computed_at, age_seconds); 503 with Retry-After until the first computation")
    public Kpis get() {
        Kpis current = kpis.current();
        if (current == null) {
            throw new ProblemException(503, "Service Unavailable", "The KPIs are being computed for the first time",
                    "about:blank", java.util.List.of(), java.util.Map.of("Retry-After", "2"));
        }
        return current;
    }
}
