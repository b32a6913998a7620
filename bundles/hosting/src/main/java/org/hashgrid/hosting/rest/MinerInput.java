package org.hashgrid.hosting.rest;

import java.time.LocalDate;

import org.hashgrid.api.Doc;

/** Body of {@code POST /miners}. */
public record MinerInput(
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
        LocalDate warrantyExpiry) {
}
