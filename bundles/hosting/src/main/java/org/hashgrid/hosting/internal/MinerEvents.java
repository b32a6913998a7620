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
 * {@code miner.deleted}, and the steps of a client's action request ({@code miner.action_*}),
 * each about aggregate {@code miner}/id. Payloads are snake_case JSON.
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

    private static void record(EntityManager em, String type, long minerId, Object payload) {
        try {
            em.persist(new OutboxEvent("miner", String.valueOf(minerId), type, JSON.writeValueAsString(payload)));
            // now, so that event ids follow the order of the changes
            em.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A " + type + " payload could not be written as JSON", e);
        }
    }
}
