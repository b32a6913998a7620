package org.hashgrid.identity.internal;

import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManager;

import org.hashgrid.model.UserAccess;

/**
 * Access windows ({@code user_access}): a user with none may use the platform at any time; a
 * user with some only inside one of them. Owners are never limited, so nobody can lock the
 * platform out of its owners.
 */
final class AccessWindows {

    /** One window; {@code end} null means open-ended. */
    record Window(Instant start, Instant end) {
        boolean contains(Instant at) {
            return !at.isBefore(start) && (end == null || at.isBefore(end));
        }
    }

    private AccessWindows() {
    }

    static List<Window> of(EntityManager em, String userId) {
        return em.createQuery("select a from UserAccess a where a.userId = ?1", UserAccess.class)
                .setParameter(1, userId).getResultList().stream()
                .map(a -> new Window(a.getAccessStartDate(), a.getAccessEndDate())).toList();
    }

    static boolean allows(List<Window> windows, Instant at) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(at));
    }

    /** The start of the next window after {@code at}, or null when none is ahead. */
    static Instant nextStart(List<Window> windows, Instant at) {
        return windows.stream().map(Window::start).filter(start -> start.isAfter(at)).min(Instant::compareTo)
                .orElse(null);
    }
}
