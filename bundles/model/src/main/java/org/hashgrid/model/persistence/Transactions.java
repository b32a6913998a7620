package org.hashgrid.model.persistence;

import java.util.function.Consumer;
import java.util.function.Function;

import javax.persistence.EntityManager;

/**
 * The one way modules work on the persistence unit {@code hashgrid}: a DS service registered by
 * the model bundle while the unit serves. Each call is one transaction that commits when the
 * work returns and rolls back when it throws, the exception passing unchanged; a call made
 * inside another call on the same thread joins that transaction, so services compose.
 */
public interface Transactions {

    /** Runs {@code work} in a transaction and returns its result. */
    <R> R call(Function<EntityManager, R> work);

    /** Runs {@code work} in a transaction. */
    default void run(Consumer<EntityManager> work) {
        call(em -> {
            work.accept(em);
            return null;
        });
    }
}
