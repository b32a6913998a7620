package org.hashgrid.hosting;

import java.time.LocalDate;

import org.hashgrid.core.Doc;

/** What a new miner is made of ({@code POST /miners}, one row of a CSV import). */
public record NewMiner(
        @Doc("Serial number, unique") String serialNumber,
        @Doc("Id of the miner model") Long minerModelId,
        @Doc("Id of the hosting site") Long siteId,
        @Doc("active (default), offline, maintenance or curtailed") String status,
        @Doc("IP address of the miner's API") String cgminerIp,
        @Doc("TCP port of the miner's API, default 4028") Integer cgminerPort,
        @Doc("Whether telemetry is collected, default true") Boolean cgminerEnabled,
        @Doc("Id of the driver that talks to the miner, default cgminer") String driver,
        @Doc("Id of the client user who owns the miner; absent for operator-owned miners") String clientId,
        LocalDate purchaseDate,
        LocalDate warrantyExpiry,
        @Doc("TCP port of the firmware's control API when not the firmware's standard one, 1-65535") Integer controlPort) {

    /** The 1.4 constructor, kept for binary compatibility: no control port. */
    public NewMiner(String serialNumber, Long minerModelId, Long siteId, String status, String cgminerIp,
            Integer cgminerPort, Boolean cgminerEnabled, String driver, String clientId, LocalDate purchaseDate,
            LocalDate warrantyExpiry) {
        this(serialNumber, minerModelId, siteId, status, cgminerIp, cgminerPort, cgminerEnabled, driver, clientId,
                purchaseDate, warrantyExpiry, null);
    }
}
