package org.hashgrid.hosting.internal;

import javax.persistence.EntityManager;

/**
 * {@code hosting_sites.total_miners} and {@code active_miners}, kept exact under concurrency:
 * every change of a site's miners locks the site rows first (in id order, so two moves between
 * the same sites cannot deadlock) and then applies its own difference, so concurrent sessions
 * add up instead of overwriting each other's recounts.
 */
final class SiteCounters {
    private SiteCounters() {
    }

    /**
     * Locks the rows of one or two sites until the transaction ends. {@code FOR NO KEY UPDATE},
     * not {@code FOR UPDATE}: the foreign-key checks of miners written in the same transactions
     * hold {@code KEY SHARE} locks on these rows, which it must not wait for (a deadlock).
     */
    static void lock(EntityManager em, long siteId, long otherSiteId) {
        em.createNativeQuery("select id from hosting_sites where id in (?1, ?2) order by id for no key update")
                .setParameter(1, siteId).setParameter(2, otherSiteId).getResultList();
    }

    /** Adds to a site's counters; the row must be locked by {@link #lock} already. */
    static void add(EntityManager em, long siteId, int total, int active) {
        if (total == 0 && active == 0) {
            return;
        }
        em.createNativeQuery("update hosting_sites set total_miners = total_miners + ?1, "
                + "active_miners = active_miners + ?2 where id = ?3")
                .setParameter(1, total).setParameter(2, active).setParameter(3, siteId).executeUpdate();
    }

    /** A miner moved from one site and status to another (either may be unchanged). */
    static void moved(EntityManager em, long fromSite, boolean wasActive, long toSite, boolean isActive) {
        if (fromSite == toSite && wasActive == isActive) {
            return;
        }
        lock(em, fromSite, toSite);
        if (fromSite == toSite) {
            add(em, fromSite, 0, (isActive ? 1 : 0) - (wasActive ? 1 : 0));
        } else {
            add(em, fromSite, -1, wasActive ? -1 : 0);
            add(em, toSite, 1, isActive ? 1 : 0);
        }
    }
}
