package org.hashgrid.telemetry.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Roles;
import org.hashgrid.telemetry.internal.TelemetryMetrics;
import org.hashgrid.telemetry.internal.TelemetryPipeline;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/telemetry}: the pipeline's own figures. */
@Component(service = TelemetryResource.class)
@SecuredResource
@JaxrsName("hashgrid.telemetry")
@Path("/telemetry")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Telemetry pipeline")
public class TelemetryResource {
    private final TelemetryPipeline pipeline;

    @Activate
    public TelemetryResource(@Reference TelemetryPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @GET
    @Path("metrics")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("Polled, failed, buffered, written and dropped readings, the last cycle's duration, alerts raised and "
            + "cleared")
    public PipelineMetrics metrics() {
        TelemetryMetrics.Snapshot m = pipeline.metrics();
        TelemetryPipeline.AlertCounts alerts = pipeline.alertCounts();
        return new PipelineMetrics(pipeline.settings().interval().toSeconds(), m.polled(), m.failed(), m.skipped(),
                m.buffered(), m.written(), m.dropped(), m.writeFailures(), m.cycles(), m.cyclesOverrun(),
                m.statusChanges(), m.lastCycleMillis(), m.lastCycleTargets(), m.lastCycleAt(), m.lastWriteAt(),
                m.writeError(), m.lastRollupMillis(), alerts.raised(), alerts.cleared());
    }
}
