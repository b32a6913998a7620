package org.hashgrid.hosting.internal;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.hashgrid.api.Caller;
import org.hashgrid.api.Page;
import org.hashgrid.api.PageRequest;
import org.hashgrid.hosting.rest.OperationDto;
import org.hashgrid.model.MinerOperationLog;
import org.hashgrid.model.OperationType;
import org.hashgrid.model.User;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The miner operation log: who did what to which miner, and what came of it. */
@Component(service = OperationLog.class)
public class OperationLog {
    private final JpaTemplate jpa;
    private final MinerService miners;

    @Activate
    public OperationLog(@Reference(target = "(osgi.unit.name=hashgrid)") JpaTemplate jpa,
            @Reference MinerService miners) {
        this.jpa = jpa;
        this.miners = miners;
    }

    /** Writes an entry in the caller's transaction. */
    static OperationDto record(EntityManager em, long minerId, OperationType operation, Caller caller,
            String details) {
        // console and system callers are not users; the column is a foreign key
        String performedBy = caller != null && em.find(User.class, caller.userId()) != null ? caller.userId() : null;
        MinerOperationLog entry = new MinerOperationLog(minerId, operation.dbValue(), performedBy, details);
        em.persist(entry);
        em.flush();
        return OperationDto.of(entry);
    }

    public OperationDto record(long minerId, OperationType operation, Caller caller, String details) {
        return jpa.txExpr(TransactionType.Required, em -> record(em, minerId, operation, caller, details));
    }

    /** Newest first; only for callers who may see the miner. */
    public Page<OperationDto> of(Caller caller, long minerId, PageRequest page) {
        miners.get(caller, minerId);
        return jpa.txExpr(TransactionType.Required, em -> {
            var query = em.createQuery("select o from MinerOperationLog o where o.minerId = :miner"
                    + (page.afterId() == null ? "" : " and o.id < :after") + " order by o.id desc",
                    MinerOperationLog.class).setParameter("miner", minerId).setMaxResults(page.fetchSize());
            if (page.afterId() != null) {
                query.setParameter("after", page.afterId());
            }
            return Page.of(query.getResultList(), page, MinerOperationLog::getId, OperationDto::of);
        });
    }
}
