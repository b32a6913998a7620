package org.hashgrid.hosting;

import java.math.BigDecimal;
import java.time.Instant;

import org.hashgrid.core.Doc;

/** A hosting site. */
public record Site(
        long id,
        String name,
        String location,
        @Doc("Power capacity in MW") BigDecimal capacityMw,
        @Doc("Miners at the site") int totalMiners,
        @Doc("Miners with status active") int activeMiners,
        Instant createdAt) {
}
