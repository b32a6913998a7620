package org.hashgrid.hosting.rest;

import org.hashgrid.core.Doc;

/** Answer of {@code POST /miners/import}. */
public record ImportResult(@Doc("Miners registered") int imported) {
}
