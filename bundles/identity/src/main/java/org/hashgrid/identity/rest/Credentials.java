package org.hashgrid.identity.rest;

/** Body of {@code POST /auth/login}. */
public record Credentials(String email, String password) {
    @Override
    public String toString() {
        return "Credentials[" + email + "]";
    }
}
