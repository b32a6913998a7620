package org.hashgrid.events.rest;

import java.net.URI;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.hashgrid.api.Callers;
import org.hashgrid.api.MergePatch;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.Roles;
import org.hashgrid.events.Delivery;
import org.hashgrid.events.NewWebhook;
import org.hashgrid.events.Webhook;
import org.hashgrid.events.WebhookSecret;
import org.hashgrid.events.internal.WebhookService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** {@code /api/v1/webhooks}: owners and admins only, since a subscription sees every event. */
@Component(service = WebhookResource.class)
@SecuredResource
@JaxrsName("hashgrid.webhooks")
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
@Doc("Webhook subscriptions: events POSTed to your URL, signed as Standard Webhooks, at least once")
public class WebhookResource {
    private final WebhookService webhooks;

    @Activate
    public WebhookResource(@Reference WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Subscriptions, ordered by id, cursor-paginated; secrets are never listed")
    public Page<Webhook> list(@QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor) {
        return webhooks.list(PageRequest.of(limit, cursor));
    }

    @POST
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Subscribe a URL; answers 201 with the signing secret, shown this once")
    public Response create(NewWebhook input, @Context SecurityContext security) {
        WebhookSecret created = webhooks.create(Callers.of(security), input);
        return Response.created(URI.create("webhooks/" + created.webhook().id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("One subscription")
    public Webhook get(@PathParam("id") long id) {
        return webhooks.get(id);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Change url, event_types, description or active (JSON merge patch)")
    public Webhook update(@PathParam("id") long id, MergePatch patch) {
        return webhooks.update(id, patch);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Delete the subscription and its deliveries")
    public void delete(@PathParam("id") long id) {
        webhooks.delete(id);
    }

    @POST
    @Path("{id}/secret")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Replace the signing secret; the new one is shown this once and signs every later attempt")
    public WebhookSecret rotateSecret(@PathParam("id") long id) {
        return webhooks.rotateSecret(id);
    }

    @GET
    @Path("{id}/deliveries")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("The subscription's deliveries, newest first, cursor-paginated")
    public Page<Delivery> deliveries(@PathParam("id") long id,
            @QueryParam("status") @Doc("pending, delivered or dead") String status,
            @QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor) {
        return webhooks.deliveries(id, status, PageRequest.of(limit, cursor));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/retry")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Send a dead delivery again, with a fresh set of attempts; 409 unless it is dead")
    public Delivery retry(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        return webhooks.retry(id, deliveryId);
    }
}
