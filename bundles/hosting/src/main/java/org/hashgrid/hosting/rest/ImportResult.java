package org.hashgrid.hosting.rest;

import org.hashgrid.api.Doc;

/** Answer of {@code POST /miners/import}. */
public record ImportResult(@Doc("Miners registered") int imported) {
}
