package org.hashgrid.analytics.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.analytics.internal.Economics;
import org.hashgrid.analytics.internal.HashpriceService;
import org.hashgrid.api.Callers;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Roles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/analytics/hashprice}. */
@Component(service = HashpriceResource.class)
@SecuredResource
@JaxrsName("hashgrid.analytics.hashprice")
@Path("/analytics/hashprice")
@Produces(MediaType.APPLICATION_JSON)
@Doc("Hashprice, break-even power prices, revenue, energy cost and margin")
public class HashpriceResource {
    private final HashpriceService hashprice;

    @Activate
    public HashpriceResource(@Reference HashpriceService hashprice) {
        this.hashprice = hashprice;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("The hashprice (USD per TH/s per day) of the newest usable snapshot, each miner model's break-even power "
            + "price (USD/MWh), and per site and per client the revenue, energy cost and margin a day (USD) of the "
            + "answering miners; clients get their own miners' figures only; 404 while no snapshot allows a hashprice")
    public Economics.Report get(@Context SecurityContext security) {
        return hashprice.report(Callers.of(security));
    }
}
