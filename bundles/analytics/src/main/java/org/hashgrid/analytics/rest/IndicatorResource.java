package org.hashgrid.analytics.rest;

import java.time.Instant;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.hashgrid.analytics.internal.IndicatorPoint;
import org.hashgrid.analytics.internal.MarketQueries;
import org.hashgrid.analytics.internal.TimeRange;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.Roles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/analytics/indicators}. */
@Component(service = IndicatorResource.class)
@SecuredResource
@JaxrsName("hashgrid.analytics.indicators")
@Path("/analytics/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Technical indicators of the BTC price per snapshot: RSI, MACD, Bollinger bands, EMAs and the signal")
public class IndicatorResource {
    private final MarketQueries queries;

    @Activate
    public IndicatorResource(@Reference MarketQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Indicators of the snapshots within from (default 7 days before to) and to (default now), newest first, "
            + "cursor-paginated; an indicator is null while its history is too short")
    public Page<IndicatorPoint> list(@QueryParam("from") @Doc("ISO-8601 UTC, inclusive") String from,
            @QueryParam("to") @Doc("ISO-8601 UTC, inclusive") String to,
            @QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return queries.indicators(
                TimeRange.parse(from, to, Instant.now(), MarketResource.DEFAULT_SPAN, MarketResource.MAX_SPAN), page);
    }
}
