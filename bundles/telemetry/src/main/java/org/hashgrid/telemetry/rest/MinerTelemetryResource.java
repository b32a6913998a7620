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

/** {@code /api/v1/miners/{id}/telemetry}: one miner's history. */
@Component(service = MinerTelemetryResource.class)
@SecuredResource
@JaxrsName("hashgrid.miner-telemetry")
@Path("/miners/{id}/telemetry")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Miner telemetry history")
public class MinerTelemetryResource {
    private final MinerInventory inventory;
    private final HistoryQuery history;

    @Activate
    public MinerTelemetryResource(@Reference MinerInventory inventory,
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=*))") DataSource dataSource) {
        this.inventory = inventory;
        this.history = new HistoryQuery(dataSource);
    }

    /** The series of one miner over a range. */
    public record TelemetrySeries(long minerId, String bucket, Instant from, Instant to,
            @Doc("Readings (raw, with per-sensor arrays) or buckets (averages and maxima, samples = readings in the "
                    + "bucket), oldest first") List<HistoryQuery.Point> points) {
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Readings of a miner from `from` (default: 24 h before `to`) to `to` (default: now), ISO-8601; bucket raw "
            + "(default, at most 2 days), 1m (7 days), 5m (31 days), 1h (366 days) or 1d (3660 days); clients see their "
            + "own miners")
    public TelemetrySeries series(@PathParam("id") long minerId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("bucket") String bucket, @Context SecurityContext security) {
        var caller = Callers.of(security);
        TimeRange range = TimeRange.parse(from, to);
        Instant start = range.from();
        Instant end = range.to();
        String size = bucket == null ? "raw" : bucket;
        HistoryQuery.validate(size, start, end);
        if (inventory.miner(caller, minerId).isEmpty()) {
            throw ProblemException.notFound("Miner", minerId);
        }
        return new TelemetrySeries(minerId, size, start, end, history.points(minerId, size, start, end));
    }
}
