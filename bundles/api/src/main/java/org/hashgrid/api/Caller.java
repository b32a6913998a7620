package org.hashgrid.api;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

/**
 * Who is calling: the authenticated user behind a request, as the authentication filter puts it
 * into the JAX-RS {@link SecurityContext}. It also answers the one ownership question every
 * module asks: may this caller touch an object owned by a given user?
 *
 * @param userId                 the user's id (UUID)
 * @param email                  the user's e-mail
 * @param role                   one of {@link Roles}
 * @param passwordChangeRequired the user logged in with a one-time password and must change it
 */
public record Caller(String userId, String email, String role, boolean passwordChangeRequired) implements Principal {

    /** The caller of the current request; 401 when the request is anonymous. */
    public static Caller of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw ProblemException.unauthorized("Authentication required");
    }

    @Override
    public String getName() {
        return email;
    }

    /** Owners, admins and the operator's staff see every client's objects. */
    public boolean isStaff() {
        return Roles.OWNER.equals(role) || Roles.ADMIN.equals(role) || Roles.USER.equals(role);
    }

    public boolean isAdmin() {
        return Roles.OWNER.equals(role) || Roles.ADMIN.equals(role);
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
