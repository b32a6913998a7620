package org.hashgrid.hosting.rest;

import java.math.BigDecimal;
import java.time.Instant;

import org.hashgrid.api.Doc;
import org.hashgrid.model.HostingSite;

/** A hosting site as the API shows it. */
public record SiteDto(
        long id,
        String name,
        String location,
        @Doc("Power capacity in MW") BigDecimal capacityMw,
        @Doc("Miners at the site") int totalMiners,
        @Doc("Miners with status active") int activeMiners,
        Instant createdAt) {

    public static SiteDto of(HostingSite site) {
        return new SiteDto(site.getId(), site.getName(), site.getLocation(), site.getCapacityMw(),
                site.getTotalMiners(), site.getActiveMiners(), site.getCreatedAt());
    }
}
