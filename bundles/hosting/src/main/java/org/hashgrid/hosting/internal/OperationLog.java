package org.hashgrid.hosting.internal;

import javax.persistence.EntityManager;

import org.hashgrid.core.Caller;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.hosting.Operation;
import org.hashgrid.model.MinerOperationLog;
import org.hashgrid.model.OperationType;
import org.hashgrid.model.persistence.Filter;
import org.hashgrid.model.persistence.Keyset;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The miner operation log: who did what to which miner, and what came of it. */
@Component(service = OperationLog.class)
public class OperationLog {
    private static final Keyset<MinerOperationLog> NEWEST_FIRST = Keyset.of(MinerOperationLog.class)
            .descending("id", MinerOperationLog::getId);

    private final Transactions tx;
    private final MinerService miners;

    @Activate
    public OperationLog(@Reference Transactions tx, @Reference MinerService miners) {
        this.tx = tx;
        this.miners = miners;
    }

    /**
     * Writes an entry in the caller's transaction. {@code performed_by} names the account; work
     * the platform did itself ({@link Caller#system}) has none and says so in the details. A change
     * that concerns no one miner (a site's credentials) has no {@code minerId}; its details say what.
     */
    static Operation record(EntityManager em, Long minerId, OperationType operation, Caller caller,
            String details) {
        String text = caller.isSystem() ? details + " (by " + caller.userId() + ")" : details;
        MinerOperationLog entry = new MinerOperationLog(minerId, operation.dbValue(), caller.accountId(), text);
        em.persist(entry);
        em.flush();
        return Records.operation(entry);
    }

    public Operation record(long minerId, OperationType operation, Caller caller, String details) {
        return tx.call(em -> record(em, minerId, operation, caller, details));
    }

    /** Newest first; only for callers who may see the miner. */
    public Page<Operation> of(Caller caller, long minerId, PageRequest page) {
        miners.get(caller, minerId);
        return tx.call(em -> NEWEST_FIRST.page(em, Filter.<MinerOperationLog>all().equal("minerId", minerId), page,
                Records::operation));
    }
}
