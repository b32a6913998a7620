package org.hashgrid.model.persistence;

import java.util.ArrayList;
import java.util.List;

import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;

import org.hashgrid.core.Caller;

/**
 * The conditions of a typed query on entity {@code E}, built from optional filters: a filter
 * whose value is {@code null} is left out, so list endpoints pass their query parameters as
 * they come. Immutable; every method returns a new filter.
 */
public final class Filter<E> {

    /** One condition on the query's root. */
    @FunctionalInterface
    public interface Condition<E> {
        Predicate on(CriteriaBuilder cb, Root<E> root);
    }

    private final List<Condition<E>> conditions;

    private Filter(List<Condition<E>> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    /** No condition: every row. */
    public static <E> Filter<E> all() {
        return new Filter<>(List.of());
    }

    /** {@code attribute = value}, or nothing when {@code value} is null. */
    public Filter<E> equal(String attribute, Object value) {
        return value == null ? this : and((cb, root) -> cb.equal(root.get(attribute), value));
    }

    /**
     * Only rows the caller owns, by the user id in {@code ownerAttribute}: clients see their own,
     * staff and system callers everything ({@link Caller#ownerScope()}).
     */
    public Filter<E> ownedBy(String ownerAttribute, Caller caller) {
        return equal(ownerAttribute, caller.ownerScope());
    }

    /** Any other condition. */
    public Filter<E> and(Condition<E> condition) {
        List<Condition<E>> more = new ArrayList<>(conditions);
        more.add(condition);
        return new Filter<>(more);
    }

    /** The conditions as predicates on {@code root}. */
    public List<Predicate> predicates(CriteriaBuilder cb, Root<E> root) {
        return conditions.stream().map(condition -> condition.on(cb, root)).toList();
    }
}
