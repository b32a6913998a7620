package org.hashgrid.hosting.rest;

import org.hashgrid.core.Doc;

/** Body of {@code POST /miners/{id}/actions}. */
public record MinerAction(@Doc("stop, start or restart") String action) {
}
