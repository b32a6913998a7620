package org.hashgrid.model.internal;

import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link Transactions} on the unit's {@link EntityManagerFactory} as Aries JPA registers it:
 * resource-local, one entity manager per outermost call, joined by nested calls on the same
 * thread. The component lives exactly as long as the unit serves.
 */
@Component(service = Transactions.class)
public class UnitTransactions implements Transactions {
    private final EntityManagerFactory unit;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    @Activate
    public UnitTransactions(@Reference(target = "(osgi.unit.name=hashgrid)") EntityManagerFactory unit) {
        this.unit = unit;
    }

    @Override
    public <R> R call(Function<EntityManager, R> work) {
        EntityManager joined = current.get();
        if (joined != null) {
            return work.apply(joined);
        }
        EntityManager em = unit.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        current.set(em);
        try {
            tx.begin();
            R result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            current.remove();
            em.close();
        }
    }
}
