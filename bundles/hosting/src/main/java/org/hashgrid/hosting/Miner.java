package org.hashgrid.hosting;

import java.time.Instant;
import java.time.LocalDate;

import org.hashgrid.core.Doc;

/** A miner hosted at a site. */
public record Miner(
        long id,
        String serialNumber,
        long minerModelId,
        long siteId,
        @Doc("active, offline, maintenance or curtailed") String status,
        String cgminerIp,
        int cgminerPort,
        boolean cgminerEnabled,
        @Doc("Id of the driver that talks to the miner") String driver,
        String clientId,
        LocalDate purchaseDate,
        LocalDate warrantyExpiry,
        Instant createdAt,
        Instant updatedAt) {
}
