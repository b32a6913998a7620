package org.hashgrid.hosting.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Roles;
import org.hashgrid.hosting.DiscoveredMiner;
import org.hashgrid.hosting.internal.DiscoveryService;
import org.hashgrid.hosting.internal.DriverRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/drivers} and {@code /api/v1/discovery}. */
@Component(service = DriverResource.class)
@SecuredResource
@JaxrsName("hashgrid.drivers")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Doc("Miner drivers and discovery")
public class DriverResource {
    private final DriverRegistry drivers;
    private final DiscoveryService discovery;

    @Activate
    public DriverResource(@Reference DriverRegistry drivers, @Reference DiscoveryService discovery) {
        this.drivers = drivers;
        this.discovery = discovery;
    }

    @GET
    @Path("drivers")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("The miner drivers installed now and what they can do")
    public List<DriverInfo> drivers() {
        return drivers.all().stream().map(d -> new DriverInfo(d.id(),
                d.capabilities().stream().map(Enum::name).sorted().toList())).toList();
    }

    @POST
    @Path("discovery")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Scan a range of the allowed miner networks and list what answered")
    public List<DiscoveredMiner> discover(DiscoveryRequest request) throws InterruptedException {
        return discovery.scan(request.cidr(), request.port(), request.siteId());
    }
}
