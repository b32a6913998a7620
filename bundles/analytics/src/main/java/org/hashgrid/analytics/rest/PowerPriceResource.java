package org.hashgrid.analytics.rest;

import java.math.BigDecimal;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.analytics.internal.PowerPrices;
import org.hashgrid.analytics.internal.SitePowerPrice;
import org.hashgrid.api.Callers;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Roles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/analytics/sites/{id}/power-price}. */
@Component(service = PowerPriceResource.class)
@SecuredResource
@JaxrsName("hashgrid.analytics.power-prices")
@Path("/analytics/sites/{id}/power-price")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Doc("What each site pays for electricity, for energy cost and margin")
public class PowerPriceResource {
    private final PowerPrices prices;

    /** The body of a PUT. */
    public record PowerPriceInput(@Doc("USD per MWh, at least 0, at most 2 decimals") BigDecimal priceUsdPerMwh) {
    }

    @Activate
    public PowerPriceResource(@Reference PowerPrices prices) {
        this.prices = prices;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("The site's power price, or the configured default (source default); unknown site 404")
    public SitePowerPrice get(@PathParam("id") long siteId) {
        return prices.get(siteId);
    }

    @PUT
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Set the site's power price; unknown site 404")
    public SitePowerPrice put(@PathParam("id") long siteId, PowerPriceInput input,
            @Context SecurityContext security) {
        return prices.set(Callers.of(security), siteId, input.priceUsdPerMwh());
    }
}
