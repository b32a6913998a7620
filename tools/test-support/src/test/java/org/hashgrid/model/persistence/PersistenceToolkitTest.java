package org.hashgrid.model.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.hashgrid.core.Caller;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.model.HostingMiner;
import org.hashgrid.model.HostingSite;
import org.hashgrid.model.MinerModel;
import org.hashgrid.model.User;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.Test;

/** The persistence toolkit on the real unit and PostgreSQL. */
class PersistenceToolkitTest extends DatabaseTest {
    private static final Keyset<HostingSite> SITES_UP = Keyset.of(HostingSite.class)
            .ascending("id", HostingSite::getId);
    private static final Keyset<HostingSite> SITES_DOWN = Keyset.of(HostingSite.class)
            .descending("id", HostingSite::getId);
    private static final Keyset<User> USERS_BY_CREATION = Keyset.of(User.class)
            .ascending("createdAt", User::getCreatedAt)
            .ascending("id", User::getId);

    @Test
    void ascendingAndDescendingPagesVisitEveryRowOnceInOrder() {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "Keyset " + i;
            created.add(tx.call(em -> {
                HostingSite site = new HostingSite(name, null, BigDecimal.ONE);
                em.persist(site);
                em.flush();
                return site.getId();
            }));
        }
        Filter<HostingSite> mine = Filter.<HostingSite>all()
                .and((cb, root) -> cb.like(root.get("name"), "Keyset %"));
        assertEquals(created, walk(SITES_UP, mine, 3, HostingSite::getId));
        List<Long> reversed = new ArrayList<>(created);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, walk(SITES_DOWN, mine, 3, HostingSite::getId));
        assertEquals(created, walk(SITES_UP, mine, 500, HostingSite::getId), "one page when it all fits");
    }

    @Test
    void compositeKeysPageThroughTiesStably() throws Exception {
        // ten users created at the very same instant: only the id tells them apart
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < 10; i++) {
                s.execute("insert into users (id, email, password_hash, role, created_at) values ("
                        + "'" + java.util.UUID.randomUUID() + "', 'tie" + i + "@example.com', '!', 'guest', "
                        + "timestamptz '2026-01-01 00:00:00.123456+00')");
            }
        }
        Filter<User> ties = Filter.<User>all().and((cb, root) -> cb.like(root.get("email"), "tie%"));
        List<String> ids = walk(USERS_BY_CREATION, ties, 3, User::getId);
        assertEquals(10, ids.size());
        assertEquals(10, ids.stream().distinct().count(), "no row twice");
        assertEquals(ids.stream().sorted().toList(), ids, "ties ordered by id");
    }

    @Test
    void aCursorFromAnotherOrderIsABadRequest() {
        String sitesCursor = PageRequest.cursorAfter("12");
        ProblemException foreign = assertThrows(ProblemException.class, () -> tx.call(em -> USERS_BY_CREATION
                .page(em, Filter.all(), PageRequest.of(5, sitesCursor), Function.identity())));
        assertEquals(400, foreign.status());
        assertEquals(400, assertThrows(ProblemException.class, () -> tx.call(em -> SITES_UP
                .page(em, Filter.all(), PageRequest.of(5, PageRequest.cursorAfter("not-a-number")),
                        Function.identity())))
                .status());
    }

    @Test
    void filtersSkipAbsentValuesAndScopeClientsToTheirOwn() {
        long site = tx.call(em -> {
            HostingSite s = new HostingSite("Owned", null, BigDecimal.ONE);
            em.persist(s);
            MinerModel m = new MinerModel("Owned model", "X", BigDecimal.ONE, BigDecimal.ONE);
            em.persist(m);
            em.flush();
            em.persist(miner("OWN-A", m.getId(), s.getId(), callers.clientA().userId()));
            em.persist(miner("OWN-B", m.getId(), s.getId(), callers.clientB().userId()));
            em.persist(miner("OWN-OP", m.getId(), s.getId(), null));
            return s.getId();
        });
        Function<Caller, Long> visible = caller -> tx.call(em -> (long) Entities.list(em, HostingMiner.class,
                Filter.<HostingMiner>all().equal("siteId", site).equal("status", null).ownedBy("clientId", caller),
                100).size());
        assertEquals(3, visible.apply(callers.staff()));
        assertEquals(3, visible.apply(callers.system()));
        assertEquals(1, visible.apply(callers.clientA()));
        long hers = tx.call(em -> Entities.list(em, HostingMiner.class,
                Filter.<HostingMiner>all().equal("serialNumber", "OWN-A"), 1).get(0).getId());
        assertEquals(404, assertThrows(ProblemException.class, () -> tx.call(em -> Entities.requireVisible(em,
                HostingMiner.class, hers, "Miner", callers.clientB(), HostingMiner::getClientId))).status());
        long seen = tx.call(em -> Entities.requireVisible(em, HostingMiner.class, hers, "Miner",
                callers.clientA(), HostingMiner::getClientId).getId());
        assertEquals(hers, seen);
        assertEquals(404, assertThrows(ProblemException.class,
                () -> tx.call(em -> Entities.require(em, HostingSite.class, 987_654_321L, "Site"))).status());
    }

    @Test
    void nestedCallsJoinTheOuterTransactionAndRollBackWithIt() {
        long before = countSites();
        assertThrows(IllegalStateException.class, () -> tx.run(outer -> {
            outer.persist(new HostingSite("Outer", null, BigDecimal.ONE));
            tx.run(inner -> {
                assertTrue(inner == outer, "the nested call gets the outer entity manager");
                inner.persist(new HostingSite("Inner", null, BigDecimal.ONE));
            });
            throw new IllegalStateException("fail after the nested call");
        }));
        assertEquals(before, countSites(), "both rolled back");
        tx.run(outer -> tx.run(inner -> inner.persist(new HostingSite("Committed", null, BigDecimal.ONE))));
        assertEquals(before + 1, countSites());
    }

    private static HostingMiner miner(String serial, long model, long site, String client) {
        HostingMiner miner = new HostingMiner(serial, model, site);
        miner.setClientId(client);
        return miner;
    }

    private static long countSites() {
        return tx.call(em -> em.createQuery("select count(s) from HostingSite s", Long.class).getSingleResult());
    }

    /** Every row {@code filter} selects, page after page of {@code limit} in {@code order}, as its key. */
    private static <E, K> List<K> walk(Keyset<E> order, Filter<E> filter, int limit, Function<E, K> key) {
        List<K> keys = new ArrayList<>();
        String cursor = null;
        do {
            PageRequest request = PageRequest.of(limit, cursor);
            Page<K> page = tx.call(em -> order.page(em, filter, request, key));
            keys.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return keys;
    }
}
