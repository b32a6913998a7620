package org.hashgrid.hosting.rest;

import org.hashgrid.core.Doc;

/** Body of {@code POST /miners/{id}/actions}. */
public record MinerAction(@Doc("stop, start, restart or set_mode") String action,
        @Doc("For set_mode (and only for it): normal, low_power or high_performance") String mode) {
}
