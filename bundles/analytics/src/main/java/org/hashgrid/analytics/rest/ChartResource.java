package org.hashgrid.analytics.rest;

import java.time.Duration;
import java.time.Instant;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;

import org.hashgrid.analytics.internal.ChartService;
import org.hashgrid.analytics.internal.TimeRange;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Roles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/analytics/charts}: SVG images. */
@Component(service = ChartResource.class)
@SecuredResource
@JaxrsName("hashgrid.analytics.charts")
@Path("/analytics/charts")
@Produces(ChartResource.SVG)
@Doc("Charts as SVG images")
public class ChartResource {
    static final String SVG = "image/svg+xml";
    private static final Duration DEFAULT_SPAN = Duration.ofDays(30);
    private static final Duration MAX_SPAN = Duration.ofDays(366);

    private final ChartService charts;

    @Activate
    public ChartResource(@Reference ChartService charts) {
        this.charts = charts;
    }

    @GET
    @Path("price.svg")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("BTC price with Bollinger bands, and RSI with its thresholds; from (default 30 days before to), to (default "
            + "now), at most 366 days and the newest 5,000 snapshots")
    public String price(@QueryParam("from") String from, @QueryParam("to") String to) {
        return charts.price(range(from, to));
    }

    @GET
    @Path("hashprice.svg")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Hashprice history, USD per PH/s per day; from and to as for price.svg")
    public String hashprice(@QueryParam("from") String from, @QueryParam("to") String to) {
        return charts.hashprice(range(from, to));
    }

    @GET
    @Path("sites/{id}/hashrate-power.svg")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("A site's hourly hashrate (TH/s) and power (kW); from and to as for price.svg; unknown site 404")
    public String site(@PathParam("id") long siteId, @QueryParam("from") String from, @QueryParam("to") String to) {
        return charts.site(siteId, range(from, to));
    }

    private static TimeRange range(String from, String to) {
        return TimeRange.parse(from, to, Instant.now(), DEFAULT_SPAN, MAX_SPAN);
    }
}
