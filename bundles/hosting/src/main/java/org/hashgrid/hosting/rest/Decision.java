package org.hashgrid.hosting.rest;

import org.hashgrid.core.Doc;

/** Body of an approval or a rejection. */
public record Decision(@Doc("Why, up to 500 characters; optional") String note) {
}
