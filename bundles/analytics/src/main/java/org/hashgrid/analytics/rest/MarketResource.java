package org.hashgrid.analytics.rest;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.analytics.internal.ImportOutcome;
import org.hashgrid.analytics.internal.MarketCsv;
import org.hashgrid.analytics.internal.MarketQueries;
import org.hashgrid.analytics.internal.MarketRow;
import org.hashgrid.analytics.internal.MarketService;
import org.hashgrid.analytics.internal.TimeRange;
import org.hashgrid.api.Callers;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Roles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/analytics/market}. */
@Component(service = MarketResource.class)
@SecuredResource
@JaxrsName("hashgrid.analytics.market")
@Path("/analytics/market")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Market snapshots: BTC price, network hashrate and difficulty, block reward, fees, volume")
public class MarketResource {
    static final Duration DEFAULT_SPAN = Duration.ofDays(7);
    static final Duration MAX_SPAN = Duration.ofDays(3660);
    static final String CSV = "text/csv";

    private final MarketService market;
    private final MarketQueries queries;

    @Activate
    public MarketResource(@Reference MarketService market, @Reference MarketQueries queries) {
        this.market = market;
        this.queries = queries;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Snapshots, newest first, cursor-paginated, within from (default 7 days before to) and to (default now)")
    public Page<MarketPoint> list(@QueryParam("from") @Doc("ISO-8601 UTC, inclusive") String from,
            @QueryParam("to") @Doc("ISO-8601 UTC, inclusive") String to,
            @QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Page<org.hashgrid.analytics.MarketSnapshot> snapshots = queries
                .snapshots(TimeRange.parse(from, to, Instant.now(), DEFAULT_SPAN, MAX_SPAN), page);
        return new Page<>(snapshots.items().stream().map(MarketPoint::of).toList(), snapshots.nextCursor());
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Import snapshots: a JSON array of market snapshots, or CSV (text/csv) with a header row naming the same "
            + "fields. All or nothing: any invalid row is a 400 listing every error by element or line. Idempotent per "
            + "created_at: a snapshot already stored with the same values is counted as a duplicate; with other "
            + "values it is a 409 (nothing stored) unless overwrite=true, which replaces them. Indicators are "
            + "computed for new snapshots, and recomputed from the earliest one inserted before or changed")
    public ImportOutcome importSnapshots(InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("overwrite") @Doc("true: replace the values of snapshots already stored") String overwrite,
            @Context SecurityContext security) {
        boolean replace = flag(overwrite);
        List<MarketRow> rows = contentType != null && contentType.toLowerCase().startsWith(CSV)
                ? MarketCsv.read(body, market.maxImportRows())
                : MarketJson.read(body);
        return market.record(Callers.of(security), rows, replace);
    }

    private static boolean flag(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalidField("overwrite", "must be true or false");
    }
}
