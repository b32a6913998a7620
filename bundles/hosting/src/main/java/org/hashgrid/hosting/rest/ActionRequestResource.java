package org.hashgrid.hosting.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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
import org.hashgrid.api.JsonMapping;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Caller;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.Roles;
import org.hashgrid.hosting.ActionRequest;
import org.hashgrid.hosting.internal.ActionRequestService;
import org.hashgrid.hosting.internal.IdempotencyKeys;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code /api/v1/action-requests}: clients' action requests and staff's decisions. */
@Component(service = ActionRequestResource.class)
@SecuredResource
@JaxrsName("hashgrid.action-requests")
@Path("/action-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Doc("Actions clients asked for on their miners, waiting for staff's approval")
public class ActionRequestResource {
    private final ActionRequestService requests;
    private final IdempotencyKeys keys;
    private final ObjectMapper json = JsonMapping.newMapper();

    @Activate
    public ActionRequestResource(@Reference ActionRequestService requests, @Reference IdempotencyKeys keys) {
        this.requests = requests;
        this.keys = keys;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Requests, newest first, cursor-paginated; a client sees its own")
    public Page<ActionRequest> list(@QueryParam("status") @Doc("pending, approved, executed, failed, rejected or "
            + "cancelled") String status,
            @QueryParam("miner_id") @Doc("only this miner's") Long minerId,
            @QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor,
            @Context SecurityContext security) {
        return requests.list(Callers.of(security), status, minerId, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("One request")
    public ActionRequest get(@PathParam("id") long id, @Context SecurityContext security) {
        return requests.get(Callers.of(security), id);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Approve a pending request: its action runs through the driver at once; the answer says whether it was "
            + "executed or failed. 409 unless pending; 503 (still pending) while the driver is absent")
    public Response approve(@PathParam("id") long id, Decision decision,
            @HeaderParam(IdempotentCall.HEADER) @Doc("Makes a retried POST run once (24 h)") String key,
            @Context SecurityContext security) throws InterruptedException {
        Caller caller = Callers.of(security);
        String note = decision.note();
        return IdempotentCall.run(keys, json, caller, key, "POST /action-requests/" + id + "/approve " + note,
                () -> Response.ok(requests.approve(caller, id, note)).build());
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Reject a pending request; 409 unless pending")
    public Response reject(@PathParam("id") long id, Decision decision,
            @HeaderParam(IdempotentCall.HEADER) @Doc("Makes a retried POST run once (24 h)") String key,
            @Context SecurityContext security) throws InterruptedException {
        Caller caller = Callers.of(security);
        String note = decision.note();
        return IdempotentCall.run(keys, json, caller, key, "POST /action-requests/" + id + "/reject " + note,
                () -> Response.ok(requests.reject(caller, id, note)).build());
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.CLIENT })
    @Doc("Withdraw a pending request (its requester, or staff); 409 unless pending")
    public ActionRequest cancel(@PathParam("id") long id, @Context SecurityContext security) {
        return requests.cancel(Callers.of(security), id);
    }
}
