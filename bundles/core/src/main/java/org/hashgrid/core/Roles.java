package org.hashgrid.core;

/**
 * Role names for {@code @RolesAllowed}, strongest first: owner > admin > user > client > guest.
 * Owners and admins run the platform, users are the operator's staff, clients own miners hosted
 * at the sites and see only what they own, guests may only read the catalogue.
 */
public final class Roles {
    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String USER = "user";
    public static final String CLIENT = "client";
    public static final String GUEST = "guest";
    /**
     * The platform's own background work ({@link Caller#system(String)}); never an account's role,
     * never accepted by {@code @RolesAllowed} checks of the REST API.
     */
    public static final String SYSTEM = "system";

    private Roles() {
    }
}
