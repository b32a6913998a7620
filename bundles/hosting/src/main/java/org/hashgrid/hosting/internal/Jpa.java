package org.hashgrid.hosting.internal;

import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.hashgrid.api.PageRequest;
import org.hashgrid.api.ProblemException;

/** Query helpers shared by the hosting services. */
final class Jpa {
    private Jpa() {
    }

    static <E> E find(EntityManager em, Class<E> type, long id, String what) {
        E entity = em.find(type, id);
        if (entity == null) {
            throw ProblemException.notFound(what, id);
        }
        return entity;
    }

    /**
     * One keyset page: {@code where} is a JPQL condition on alias {@code e} (or empty), with the
     * named parameters in {@code parameters}; rows come ordered by id after the cursor.
     */
    static <E> List<E> page(EntityManager em, Class<E> type, String where, Map<String, Object> parameters,
            PageRequest page) {
        StringBuilder jpql = new StringBuilder("select e from ").append(type.getSimpleName()).append(" e where 1 = 1");
        if (!where.isEmpty()) {
            jpql.append(" and ").append(where);
        }
        if (page.afterId() != null) {
            jpql.append(" and e.id > :afterId");
        }
        jpql.append(" order by e.id");
        TypedQuery<E> query = em.createQuery(jpql.toString(), type).setMaxResults(page.fetchSize());
        parameters.forEach(query::setParameter);
        if (page.afterId() != null) {
            query.setParameter("afterId", page.afterId());
        }
        return query.getResultList();
    }

    static boolean exists(EntityManager em, String jpql, Object value) {
        return !em.createQuery(jpql).setParameter(1, value).setMaxResults(1).getResultList().isEmpty();
    }
}
