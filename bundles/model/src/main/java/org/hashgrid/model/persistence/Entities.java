package org.hashgrid.model.persistence;

import java.util.List;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.CriteriaQuery;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;

/** Finding entities the way every endpoint answers: 404 for what is absent or not the caller's. */
public final class Entities {
    private Entities() {
    }

    /** The entity with {@code id}, or a 404 naming {@code what}. */
    public static <E> E require(EntityManager em, Class<E> type, Object id, String what) {
        E entity = id == null ? null : em.find(type, id);
        if (entity == null) {
            throw ProblemException.notFound(what, id);
        }
        return entity;
    }

    /**
     * Like {@link #require}, with the row locked until the transaction ends ({@code SELECT … FOR
     * UPDATE}): for read-modify-write changes that concurrent sessions must see in turn.
     */
    public static <E> E requireForUpdate(EntityManager em, Class<E> type, Object id, String what) {
        E entity = id == null ? null : em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw ProblemException.notFound(what, id);
        }
        return entity;
    }

    /**
     * The entity if the caller may see it, by the owner {@code ownerOf} names; another owner's
     * entity answers the same 404 as a missing one, so ids reveal nothing.
     */
    public static <E> E requireVisible(EntityManager em, Class<E> type, Object id, String what, Caller caller,
            Function<E, String> ownerOf) {
        E entity = require(em, type, id, what);
        caller.requireAccess(ownerOf.apply(entity), what, id);
        return entity;
    }

    /** Whether any row matches {@code filter}; reads at most one. */
    public static <E> boolean exists(EntityManager em, Class<E> type, Filter<E> filter) {
        return !list(em, type, filter, 1).isEmpty();
    }

    /** How many rows match {@code filter} ({@code SELECT count(*)}). */
    public static <E> long count(EntityManager em, Class<E> type, Filter<E> filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<E> root = query.from(type);
        query.select(cb.count(root)).where(filter.predicates(cb, root).toArray(Predicate[]::new));
        return em.createQuery(query).getSingleResult();
    }

    /** Up to {@code max} rows matching {@code filter}, in no particular order. */
    public static <E> List<E> list(EntityManager em, Class<E> type, Filter<E> filter, int max) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<E> query = cb.createQuery(type);
        Root<E> root = query.from(type);
        query.select(root).where(filter.predicates(cb, root).toArray(Predicate[]::new));
        return em.createQuery(query).setMaxResults(max).getResultList();
    }
}
