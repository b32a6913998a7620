package org.hashgrid.telemetry.rest;

import java.time.Instant;
import java.util.List;

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
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Roles;
import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.telemetry.internal.HistoryQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/sites/{id}/telemetry}: a site's totals over time. */
@Component(service = SiteTelemetryResource.class)
@SecuredResource
@JaxrsName("hashgrid.site-telemetry")
@Path("/sites/{id}/telemetry")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Site telemetry totals")
public class SiteTelemetryResource {
    private final MinerInventory inventory;
    private final HistoryQuery history;

    @Activate
    public SiteTelemetryResource(@Reference MinerInventory inventory,
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=*))") DataSource dataSource) {
        this.inventory = inventory;
        this.history = new HistoryQuery(dataSource);
    }

    /** A site's series. */
    public record SiteSeries(long siteId, String bucket, Instant from, Instant to,
            @Doc("Per bucket: miners that reported, total hashrate TH/s and power W (each miner's average, summed)") List<HistoryQuery.SitePoint> points) {
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Hashrate, power and miners reporting per bucket, from `from` (default: 24 h before `to`) to `to` (default: "
            + "now), ISO-8601; bucket 5m (at most 2 days), 1h (default, from the hourly rollups, 366 days) or 1d (daily rollups, 3660 days); clients get the totals "
            + "of their own miners")
    public SiteSeries series(@PathParam("id") long siteId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("bucket") String bucket, @Context SecurityContext security) {
        var caller = Callers.of(security);
        TimeRange range = TimeRange.parse(from, to);
        Instant start = range.from();
        Instant end = range.to();
        String size = bucket == null ? "1h" : bucket;
        HistoryQuery.validateSite(size, start, end);
        if (inventory.site(siteId).isEmpty()) {
            throw ProblemException.notFound("Site", siteId);
        }
        return new SiteSeries(siteId, size, start, end,
                history.sitePoints(siteId, caller.ownerScope(), size, start, end));
    }
}
