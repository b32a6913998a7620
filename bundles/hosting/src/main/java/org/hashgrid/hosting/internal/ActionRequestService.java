package org.hashgrid.hosting.internal;

import java.util.Set;

import javax.persistence.EntityManager;

import org.hashgrid.core.Caller;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Validation;
import org.hashgrid.hosting.ActionRequest;
import org.hashgrid.model.MinerActionRequest;
import org.hashgrid.model.OperationType;
import org.hashgrid.model.persistence.Entities;
import org.hashgrid.model.persistence.Filter;
import org.hashgrid.model.persistence.Keyset;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Actions clients ask for on their own miners: queued as pending requests (one per miner at a
 * time), run through the driver when staff approve them, or rejected; the requester may cancel
 * one still pending. Every step is in the operation log with who and when, and announced in the
 * outbox. A decision locks the request row, so two staff approving at once run the action once.
 */
@Component(service = ActionRequestService.class)
public class ActionRequestService {
    private static final int NOTE_MAX = 500;
    private static final Set<String> STATUSES = Set.of(MinerActionRequest.PENDING, MinerActionRequest.APPROVED,
            MinerActionRequest.EXECUTED, MinerActionRequest.FAILED, MinerActionRequest.REJECTED,
            MinerActionRequest.CANCELLED);
    private static final Keyset<MinerActionRequest> NEWEST_FIRST = Keyset.of(MinerActionRequest.class)
            .descending("id", MinerActionRequest::getId);

    /** What an approval hands from its transaction to the driver call after it. */
    private record Approval(MinerActionService.Action action, MinerTargets.Target target) {
    }

    private final Transactions tx;
    private final MinerTargets targets;
    private final MinerActionService actions;

    @Activate
    public ActionRequestService(@Reference Transactions tx, @Reference MinerTargets targets,
            @Reference MinerActionService actions) {
        this.tx = tx;
        this.targets = targets;
        this.actions = actions;
    }

    /**
     * A client's request for {@code action} on its miner; 404 for another's miner, 503 while its
     * driver is absent, 409 while an earlier request of the miner is pending.
     */
    public ActionRequest request(Caller caller, long minerId, String actionInput, String modeInput) {
        MinerActionService.Action action = MinerActionService.action(actionInput, modeInput);
        targets.resolve(caller, minerId);
        return tx.call(em -> {
            // the partial unique index is the guard against a race; this names the request in the way
            Entities.list(em, MinerActionRequest.class, Filter.<MinerActionRequest>all().equal("minerId", minerId)
                    .equal("status", MinerActionRequest.PENDING), 1).forEach(waiting -> {
                        throw ProblemException.conflict("Miner " + minerId + " already has request "
                                + waiting.getId() + " waiting for approval");
                    });
            MinerActionRequest request = new MinerActionRequest(minerId, action.action(), action.mode(),
                    caller.accountId());
            em.persist(request);
            em.flush();
            OperationLog.record(em, minerId, action.operation(), caller,
                    action + " requested, awaiting approval (request " + request.getId() + ")");
            MinerEvents.actionRequest(em, "miner.action_requested", request);
            return record(request);
        });
    }

    public Page<ActionRequest> list(Caller caller, String status, Long minerId, PageRequest page) {
        new Validation().check(status == null || STATUSES.contains(status), "status",
                "must be one of pending, approved, executed, failed, rejected, cancelled").validate();
        return tx.call(em -> NEWEST_FIRST.page(em, Filter.<MinerActionRequest>all().equal("status", status)
                .equal("minerId", minerId).ownedBy("requestedBy", caller), page, ActionRequestService::record));
    }

    /** One request; another client's is a 404. */
    public ActionRequest get(Caller caller, long id) {
        return tx.call(em -> record(visible(em, caller, id, false)));
    }

    /**
     * Approves a pending request and runs its action for {@code staff}: the answer says whether
     * the driver executed it. 409 when it is no longer pending; while the driver is absent the
     * request stays pending (503).
     */
    public ActionRequest approve(Caller staff, long id, String note) throws InterruptedException {
        String checkedNote = note(note);
        Approval approval = tx.call(em -> {
            MinerActionRequest request = pending(em, staff, id);
            MinerTargets.Target target = targets.resolve(staff, request.getMinerId());
            request.decide(MinerActionRequest.APPROVED, staff.accountId(), checkedNote);
            OperationLog.record(em, request.getMinerId(), OperationType.APPROVE, staff,
                    "request " + id + " (" + action(request) + ") approved" + suffix(checkedNote));
            MinerEvents.actionRequest(em, "miner.action_approved", request);
            return new Approval(action(request), target);
        });
        String status;
        String result;
        try {
            result = actions.run(staff, approval.target(), approval.action(), " (request " + id + ")").details();
            status = MinerActionRequest.EXECUTED;
        } catch (ProblemException e) {
            result = e.getMessage();
            status = MinerActionRequest.FAILED;
        }
        String finalStatus = status;
        String finalResult = result;
        return tx.call(em -> {
            MinerActionRequest request = Entities.requireForUpdate(em, MinerActionRequest.class, id, "Action request");
            request.finish(finalStatus, finalResult);
            MinerEvents.actionRequest(em, "miner.action_" + finalStatus, request);
            return record(request);
        });
    }

    /** Rejects a pending request; 409 when it is no longer pending. */
    public ActionRequest reject(Caller staff, long id, String reason) {
        String note = note(reason);
        return tx.call(em -> {
            MinerActionRequest request = pending(em, staff, id);
            request.decide(MinerActionRequest.REJECTED, staff.accountId(), note);
            OperationLog.record(em, request.getMinerId(), OperationType.REJECT, staff,
                    "request " + id + " (" + action(request) + ") rejected" + suffix(note));
            MinerEvents.actionRequest(em, "miner.action_rejected", request);
            return record(request);
        });
    }

    /** The requester (or staff) withdraws a pending request. */
    public ActionRequest cancel(Caller caller, long id) {
        return tx.call(em -> {
            MinerActionRequest request = pending(em, caller, id);
            request.decide(MinerActionRequest.CANCELLED, caller.accountId(), null);
            OperationLog.record(em, request.getMinerId(), OperationType.REJECT, caller,
                    "request " + id + " (" + action(request) + ") cancelled");
            MinerEvents.actionRequest(em, "miner.action_cancelled", request);
            return record(request);
        });
    }

    private static MinerActionService.Action action(MinerActionRequest request) {
        return new MinerActionService.Action(request.getAction(), request.getMode());
    }

    private static MinerActionRequest pending(EntityManager em, Caller caller, long id) {
        MinerActionRequest request = visible(em, caller, id, true);
        if (!MinerActionRequest.PENDING.equals(request.getStatus())) {
            throw ProblemException.conflict("Action request " + id + " is " + request.getStatus() + ", not pending");
        }
        return request;
    }

    private static MinerActionRequest visible(EntityManager em, Caller caller, long id, boolean forUpdate) {
        MinerActionRequest request = forUpdate
                ? Entities.requireForUpdate(em, MinerActionRequest.class, id, "Action request")
                : Entities.require(em, MinerActionRequest.class, id, "Action request");
        caller.requireAccess(request.getRequestedBy(), "Action request", id);
        return request;
    }

    private static String note(String text) {
        String note = text == null || text.isBlank() ? null : text.strip();
        new Validation().maxLength("note", note, NOTE_MAX).validate();
        return note;
    }

    private static String suffix(String note) {
        return note == null ? "" : ": " + note;
    }

    static ActionRequest record(MinerActionRequest r) {
        return new ActionRequest(r.getId(), r.getMinerId(), r.getAction(), r.getStatus(), r.getRequestedBy(),
                r.getRequestedAt(), r.getDecidedBy(), r.getDecidedAt(), r.getDecisionNote(), r.getResult(),
                r.getMode());
    }
}
