package org.hashgrid.hosting.rest;

import java.io.InputStream;
import java.net.URI;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.hashgrid.api.MergePatch;
import org.hashgrid.api.SecuredResource;
import org.hashgrid.core.Caller;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.Roles;
import org.hashgrid.hosting.ActionRequest;
import org.hashgrid.hosting.CredentialsInfo;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.NewCredentials;
import org.hashgrid.hosting.NewMiner;
import org.hashgrid.hosting.Operation;
import org.hashgrid.hosting.internal.ActionRequestService;
import org.hashgrid.hosting.internal.CredentialService;
import org.hashgrid.hosting.internal.IdempotencyKeys;
import org.hashgrid.hosting.internal.LiveReadService;
import org.hashgrid.hosting.internal.MinerActionService;
import org.hashgrid.hosting.internal.MinerService;
import org.hashgrid.hosting.internal.OperationLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code /api/v1/miners}. */
@Component(service = MinerResource.class)
@SecuredResource
@JaxrsName("hashgrid.miners")
@Path("/miners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
@Doc("Miners hosted at the sites")
public class MinerResource {
    private final MinerService miners;
    private final LiveReadService live;
    private final MinerActionService actions;
    private final OperationLog operationLog;
    private final ActionRequestService requests;
    private final IdempotencyKeys keys;
    private final CredentialService credentials;
    private final ObjectMapper json = JsonMapping.newMapper();

    @Activate
    public MinerResource(@Reference MinerService miners, @Reference LiveReadService live,
            @Reference MinerActionService actions, @Reference OperationLog operationLog,
            @Reference ActionRequestService requests, @Reference IdempotencyKeys keys,
            @Reference CredentialService credentials) {
        this.miners = miners;
        this.live = live;
        this.actions = actions;
        this.operationLog = operationLog;
        this.requests = requests;
        this.keys = keys;
        this.credentials = credentials;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Miners, ordered by id, cursor-paginated, optionally filtered")
    public Page<Miner> list(@QueryParam("limit") @Doc("1-500, default 50") Integer limit,
            @QueryParam("cursor") @Doc("next_cursor of the previous page") String cursor,
            @QueryParam("site_id") @Doc("only miners of this site") Long siteId,
            @QueryParam("status") @Doc("only miners in this status") String status,
            @QueryParam("client_id") @Doc("only miners of this client") String clientId,
            @Context SecurityContext security) {
        return miners.list(Callers.of(security), PageRequest.of(limit, cursor), siteId, status, clientId);
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Path("{id}")
    @Doc("One miner")
    public Miner get(@PathParam("id") long id, @Context SecurityContext security) {
        return miners.get(Callers.of(security), id);
    }

    @POST
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("Register a miner; 409 when the serial number is taken")
    public Response create(NewMiner input, @Context SecurityContext security) {
        Miner created = miners.create(Callers.of(security), input);
        return Response.created(URI.create("miners/" + created.id())).entity(created).build();
    }

    @PATCH
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Path("{id}")
    @Doc("Change fields of a miner (JSON merge patch)")
    public Miner update(@PathParam("id") long id, MergePatch patch, @Context SecurityContext security) {
        return miners.update(Callers.of(security), id, patch);
    }

    @POST
    @Path("import")
    @Consumes("text/csv")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("Register miners from CSV: a header row with the JSON field names of POST /miners, one miner per row; "
            + "all rows are registered or none, and every row's errors are listed")
    public ImportResult importCsv(InputStream csv, @Context SecurityContext security) {
        return new ImportResult(miners.importCsv(Callers.of(security), csv));
    }

    @GET
    @Path("{id}/live")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.CLIENT })
    @Doc("Read the miner now through its driver (nothing stored); 502/504 name the driver failure")
    public LiveReading live(@PathParam("id") long id, @Context SecurityContext security) throws InterruptedException {
        LiveReadService.Live now = live.read(Callers.of(security), id);
        return LiveReading.of(now.miner().id(), now.miner().driver(), now.reading());
    }

    @POST
    @Path("{id}/actions")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("Stop, start or restart the miner, or switch its hashing mode (set_mode with mode normal, low_power or "
            + "high_performance): staff act at once through the driver (200, the operation logged); "
            + "a client's request on its own miner waits for staff's approval (202, the request, Location "
            + "action-requests/{id}). With an Idempotency-Key header a retried POST runs once and gets the first "
            + "answer again")
    public Response act(@PathParam("id") long id, MinerAction action,
            @HeaderParam(IdempotentCall.HEADER) @Doc("Makes a retried POST run once (24 h)") String key,
            @Context SecurityContext security) throws InterruptedException {
        Caller caller = Callers.of(security);
        String fingerprint = "POST /miners/" + id + "/actions " + action.action() + " " + action.mode();
        return IdempotentCall.run(keys, json, caller, key, fingerprint, () -> {
            if (caller.isStaff()) {
                return Response.ok(actions.act(caller, id, action.action(), action.mode())).build();
            }
            ActionRequest request = requests.request(caller, id, action.action(), action.mode());
            return Response.accepted(request).location(URI.create("action-requests/" + request.id())).build();
        });
    }

    @PUT
    @Path("{id}/credentials")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Set the miner's own credentials for its firmware's control API (they win over its site's); 204. The "
            + "password is stored encrypted and never returned")
    public void setCredentials(@PathParam("id") long id, NewCredentials input, @Context SecurityContext security) {
        credentials.setForMiner(Callers.of(security), id, input);
    }

    @DELETE
    @Path("{id}/credentials")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Doc("Remove the miner's own credentials (its site's apply again); 204, also when it had none")
    public void removeCredentials(@PathParam("id") long id, @Context SecurityContext security) {
        credentials.removeForMiner(Callers.of(security), id);
    }

    @GET
    @Path("{id}/credentials")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER })
    @Doc("Which credentials apply to the miner (its own, its site's for its driver, or none), with the user "
            + "name and who set them when; never the password")
    public CredentialsInfo credentials(@PathParam("id") long id, @Context SecurityContext security) {
        return credentials.ofMiner(Callers.of(security), id);
    }

    @GET
    @Path("{id}/operations")
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN, Roles.USER, Roles.CLIENT })
    @Doc("The miner's operation log, newest first, cursor-paginated")
    public Page<Operation> operations(@PathParam("id") long id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @Context SecurityContext security) {
        return operationLog.of(Callers.of(security), id, PageRequest.of(limit, cursor));
    }

    @DELETE
    @RolesAllowed({ Roles.OWNER, Roles.ADMIN })
    @Path("{id}")
    @Doc("Delete a miner and its telemetry")
    public void delete(@PathParam("id") long id, @Context SecurityContext security) {
        miners.delete(Callers.of(security), id);
    }
}
