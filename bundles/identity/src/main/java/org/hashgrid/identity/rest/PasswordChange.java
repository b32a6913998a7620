package org.hashgrid.identity.rest;

/** Body of {@code POST /auth/password}. */
public record PasswordChange(String currentPassword, String newPassword) {
    @Override
    public String toString() {
        return "PasswordChange[***]";
    }
}
