package org.hashgrid.core;

import java.security.Principal;

/**
 * Who is calling: an authenticated account, or a named part of the platform doing background
 * work ({@link #system(String)}: the poller, a scheduler, the console). It also answers the one
 * ownership question every module asks: may this caller touch an object owned by a given user?
 *
 * @param userId                 the account's id (UUID); {@code system:<name>} for system callers
 * @param email                  the account's e-mail; the name for system callers
 * @param role                   one of {@link Roles}
 * @param passwordChangeRequired the account logged in with a one-time password and must change it
 */
public record Caller(String userId, String email, String role, boolean passwordChangeRequired) implements Principal {
    private static final String SYSTEM_PREFIX = "system:";

    /**
     * The platform itself acting on its own account, e.g. {@code Caller.system("poller")}: it sees
     * everything and has owner rights, and is written to logs as {@code system:<name>}, never as
     * a user (it is not one).
     */
    public static Caller system(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A system caller needs a name");
        }
        return new Caller(SYSTEM_PREFIX + name, name, Roles.SYSTEM, false);
    }

    @Override
    public String getName() {
        return email;
    }

    /** True for {@link #system(String)} callers. */
    public boolean isSystem() {
        return Roles.SYSTEM.equals(role);
    }

    /** The id of the account behind the call, for columns that reference users; null for system callers. */
    public String accountId() {
        return isSystem() ? null : userId;
    }

    /** Owners and system callers: the strongest rights. */
    public boolean isOwner() {
        return Roles.OWNER.equals(role) || isSystem();
    }

    /** Owners, admins and the operator's staff see every client's objects. */
    public boolean isStaff() {
        return isAdmin() || Roles.USER.equals(role);
    }

    public boolean isAdmin() {
        return isOwner() || Roles.ADMIN.equals(role);
    }

    /** Whether the caller may see or act on an object owned by {@code ownerUserId} (null: the operator). */
    public boolean mayAccess(String ownerUserId) {
        return isStaff() || (Roles.CLIENT.equals(role) && userId.equals(ownerUserId));
    }

    /**
     * The owner id a list must be restricted to for this caller, or {@code null} when the caller
     * sees everything; clients only ever see their own objects.
     */
    public String ownerScope() {
        return isStaff() ? null : userId;
    }

    /** Throws 404, never 403, so that ids of other owners' objects reveal nothing. */
    public void requireAccess(String ownerUserId, String what, Object id) {
        if (!mayAccess(ownerUserId)) {
            throw ProblemException.notFound(what, id);
        }
    }
}
