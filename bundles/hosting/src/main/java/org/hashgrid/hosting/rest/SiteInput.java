package org.hashgrid.hosting.rest;

import java.math.BigDecimal;

import org.hashgrid.api.Doc;

/** Body of {@code POST /sites}. */
public record SiteInput(
        @Doc("Site name, required") String name,
        @Doc("Physical location") String location,
        @Doc("Power capacity in MW, greater than 0") BigDecimal capacityMw) {
}
