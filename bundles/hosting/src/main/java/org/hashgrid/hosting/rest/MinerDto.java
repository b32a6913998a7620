package org.hashgrid.hosting.rest;

import java.time.Instant;
import java.time.LocalDate;

import org.hashgrid.api.Doc;
import org.hashgrid.model.HostingMiner;

/** A miner as the API shows it. */
public record MinerDto(
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

    public static MinerDto of(HostingMiner miner) {
        return new MinerDto(miner.getId(), miner.getSerialNumber(), miner.getMinerModelId(), miner.getSiteId(),
                miner.getStatus(), miner.getCgminerIp(), miner.getCgminerPort(), miner.isCgminerEnabled(),
                miner.getDriver(), miner.getClientId(), miner.getPurchaseDate(), miner.getWarrantyExpiry(),
                miner.getCreatedAt(), miner.getUpdatedAt());
    }
}
