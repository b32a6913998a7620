package org.hashgrid.hosting;

import java.time.Instant;

import org.hashgrid.core.Doc;

/**
 * What is known about the control-API credentials that apply to a miner, or that a site stores for
 * one driver: where they come from and who set them when, never the password.
 */
public record CredentialsInfo(
        @Doc("miner (the miner's own), site (its site's for its driver) or none") String scope,
        @Doc("The account name; absent when none are stored") String username,
        @Doc("When they were last set") Instant updatedAt,
        @Doc("Id of the user who set them") String updatedBy) {

    /** No credentials apply. */
    public static final CredentialsInfo NONE = new CredentialsInfo("none", null, null, null);
}
