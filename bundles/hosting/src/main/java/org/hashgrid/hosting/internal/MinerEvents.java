package org.hashgrid.hosting.internal;

import java.util.List;

import javax.persistence.EntityManager;

import org.hashgrid.api.JsonMapping;
import org.hashgrid.core.Caller;
import org.hashgrid.hosting.Miner;
import org.hashgrid.model.HostingMiner;
import org.hashgrid.model.MinerActionRequest;
import org.hashgrid.model.OutboxEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The domain events hosting announces, written to the outbox in the transaction of the change:
 * {@code miner.created}, {@code miner.updated}, {@code miner.status_changed} and
 * {@code miner.deleted}, the steps of a client's action request ({@code miner.action_*}) and
 * credential changes ({@code miner.credentials_set}, {@code _removed}), each about aggregate
 * {@code miner}/id; and {@code site.credentials_set}, {@code _removed} about aggregate
 * {@code site}/id. Payloads are snake_case JSON; credential events never carry the credentials.
 */
final class MinerEvents {
    /** Thread-safe and stateless once built: one for the bundle. */
    private static final ObjectMapper JSON = JsonMapping.newMapper();

    record Changed(Miner miner, List<String> changed) {
    }

    record StatusChanged(long minerId, long siteId, String clientId, String from, String to, String by,
            String reason) {
    }

    record Deleted(long minerId, long siteId, String clientId, String serialNumber) {
    }

    record MinerCredentialsChanged(long minerId, long siteId, String by) {
    }

    record SiteCredentialsChanged(long siteId, String driver, String by) {
    }

    private MinerEvents() {
    }

    static void created(EntityManager em, HostingMiner miner) {
        record(em, "miner.created", miner, Records.miner(miner));
    }

    static void updated(EntityManager em, HostingMiner miner, List<String> fields) {
        record(em, "miner.updated", miner, new Changed(Records.miner(miner), fields));
    }

    static void statusChanged(EntityManager em, HostingMiner miner, String from, Caller caller, String reason) {
        record(em, "miner.status_changed", miner, new StatusChanged(miner.getId(), miner.getSiteId(),
                miner.getClientId(), from, miner.getStatus(), caller.userId(), reason));
    }

    static void deleted(EntityManager em, HostingMiner miner) {
        record(em, "miner.deleted", miner,
                new Deleted(miner.getId(), miner.getSiteId(), miner.getClientId(), miner.getSerialNumber()));
    }

    /** {@code miner.action_requested}, {@code _approved}, {@code _rejected}, {@code _cancelled}, {@code _executed}, {@code _failed}. */
    static void actionRequest(EntityManager em, String type, MinerActionRequest request) {
        record(em, type, request.getMinerId(), ActionRequestService.record(request));
    }

    private static void record(EntityManager em, String type, HostingMiner miner, Object payload) {
        record(em, type, miner.getId(), payload);
    }

    /** {@code miner.credentials_set}, {@code miner.credentials_removed}: who changed them, never what they are. */
    static void minerCredentials(EntityManager em, String type, HostingMiner miner, Caller caller) {
        record(em, type, miner, new MinerCredentialsChanged(miner.getId(), miner.getSiteId(), caller.userId()));
    }

    /** {@code site.credentials_set}, {@code site.credentials_removed} (aggregate {@code site}/id), likewise. */
    static void siteCredentials(EntityManager em, String type, long siteId, String driver, Caller caller) {
        record(em, "site", type, siteId, new SiteCredentialsChanged(siteId, driver, caller.userId()));
    }

    private static void record(EntityManager em, String type, long minerId, Object payload) {
        record(em, "miner", type, minerId, payload);
    }

    private static void record(EntityManager em, String aggregate, String type, long id, Object payload) {
        try {
            em.persist(new OutboxEvent(aggregate, String.valueOf(id), type, JSON.writeValueAsString(payload)));
            // now, so that event ids follow the order of the changes
            em.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A " + type + " payload could not be written as JSON", e);
        }
    }
}
