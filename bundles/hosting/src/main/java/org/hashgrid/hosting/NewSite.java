package org.hashgrid.hosting;

import java.math.BigDecimal;

import org.hashgrid.core.Doc;

/** What a new site is made of ({@code POST /sites}). */
public record NewSite(
        @Doc("Site name, required") String name,
        @Doc("Physical location") String location,
        @Doc("Power capacity in MW, greater than 0") BigDecimal capacityMw) {
}
