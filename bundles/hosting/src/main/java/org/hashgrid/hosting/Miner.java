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
        Instant updatedAt,
        @Doc("TCP port of the firmware's control API (e.g. its web API) when not the firmware's standard one; "
                + "absent: the standard port") Integer controlPort) {

    /** The 1.4 constructor, kept for binary compatibility: no control port. */
    public Miner(long id, String serialNumber, long minerModelId, long siteId, String status, String cgminerIp,
            int cgminerPort, boolean cgminerEnabled, String driver, String clientId, LocalDate purchaseDate,
            LocalDate warrantyExpiry, Instant createdAt, Instant updatedAt) {
        this(id, serialNumber, minerModelId, siteId, status, cgminerIp, cgminerPort, cgminerEnabled, driver, clientId,
                purchaseDate, warrantyExpiry, createdAt, updatedAt, null);
    }
}
